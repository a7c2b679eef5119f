import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** deploy/nats/test.conf, used as it is: its ports, name and passwords come from the environment given here. */
const testConfigPath = fileURLToPath(new URL('../../deploy/nats/test.conf', import.meta.url));
const readyTimeoutMs = 20_000;

/** The users of deploy/nats/accounts.conf, with the passwords the test servers are started with. */
export const testRunnerUser = { user: 'runner', password: 'runner-test-password' } as const;
export const testTherapistUser = { user: 'therapist', password: 'therapist-test-password' } as const;

/** Debian's nats-server, or NATS_SERVER_PATH; undefined when neither is there. */
export function natsServerPath(): string | undefined {
  const candidates = [process.env.NATS_SERVER_PATH, '/usr/sbin/nats-server', '/usr/bin/nats-server'];
  return candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path));
}

/** A port nobody listens on right now, from the kernel (never a fixed port that may be taken). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

interface NodePorts {
  clientPort: number;
  wsPort: number;
  /** Only for a node of a cluster. */
  clusterPort?: number;
}

/** One nats-server process on loopback, which a test can stop, kill and start again on the same ports. */
export class NatsTestServer {
  readonly name: string;
  readonly ports: NodePorts;
  readonly #routePorts: readonly number[];
  #process: ChildProcess | undefined;
  #log = '';

  constructor(name: string, ports: NodePorts, routePorts: readonly number[] = []) {
    this.name = name;
    this.ports = ports;
    this.#routePorts = routePorts;
  }

  /** For Node clients (@nats-io/transport-node). */
  get clientUrl(): string {
    return `nats://127.0.0.1:${String(this.ports.clientPort)}`;
  }

  /** For browsers (wsconnect). */
  get wsUrl(): string {
    return `ws://127.0.0.1:${String(this.ports.wsPort)}`;
  }

  get isRunning(): boolean {
    return this.#process !== undefined;
  }

  /** What the server logged, for a failing test's message. */
  get log(): string {
    return this.#log;
  }

  /** Starts the server and resolves once it says it is ready (all its listeners open). */
  async start(): Promise<void> {
    if (this.#process) return;
    const binary = natsServerPath();
    if (!binary)
      throw new Error('nats-server is not installed (apt-get install nats-server, or set NATS_SERVER_PATH)');
    const args = ['-c', testConfigPath];
    const { clusterPort } = this.ports;
    if (clusterPort !== undefined) {
      args.push(
        '--cluster_name',
        'calmrun-test',
        '--cluster',
        `nats://127.0.0.1:${String(clusterPort)}`,
        '--routes',
        this.#routePorts.map((port) => `nats://127.0.0.1:${String(port)}`).join(','),
      );
    }
    const child = spawn(binary, args, {
      env: {
        ...process.env,
        CALMRUN_NATS_PORT: String(this.ports.clientPort),
        CALMRUN_NATS_WS_PORT: String(this.ports.wsPort),
        CALMRUN_NATS_SERVER_NAME: this.name,
        CALMRUN_RUNNER_PASSWORD: testRunnerUser.password,
        CALMRUN_THERAPIST_PASSWORD: testTherapistUser.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#process = child;
    this.#log = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        fail(
          new Error(
            `nats-server ${this.name} was not ready within ${String(readyTimeoutMs)} ms:\n${this.#log}`,
          ),
        );
      }, readyTimeoutMs);
      const onOutput = (chunk: Buffer) => {
        this.#log += chunk.toString();
        if (this.#log.includes('Server is ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.#process = undefined;
        child.kill('SIGKILL');
        reject(error);
      };
      child.stdout.on('data', onOutput);
      child.stderr.on('data', onOutput);
      child.once('exit', (code) => {
        if (this.#process === child) this.#process = undefined;
        fail(new Error(`nats-server ${this.name} exited with ${String(code)}:\n${this.#log}`));
      });
    });
  }

  /** A clean shutdown (SIGTERM); resolves once the process has exited. */
  async stop(): Promise<void> {
    await this.#end('SIGTERM');
  }

  /** The server dies at once (SIGKILL), as a crashed machine would. */
  async kill(): Promise<void> {
    await this.#end('SIGKILL');
  }

  async #end(signal: NodeJS.Signals): Promise<void> {
    const child = this.#process;
    if (!child) return;
    this.#process = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => {
        resolve();
      });
      child.kill(signal);
    });
  }
}

/** One server on free loopback ports (client and WebSocket), started and ready. */
export async function startNatsServer(name = 'calmrun-test'): Promise<NatsTestServer> {
  const server = new NatsTestServer(name, { clientPort: await freePort(), wsPort: await freePort() });
  await server.start();
  return server;
}

/**
 * A cluster of `size` servers on free loopback ports, each routing to all the others, started and ready. The routes
 * between them come up within a moment of the last start: wait for them where it matters (see waitForRoutes).
 */
export async function startNatsCluster(size = 3): Promise<NatsTestServer[]> {
  const ports: NodePorts[] = [];
  for (let i = 0; i < size; i++) {
    ports.push({ clientPort: await freePort(), wsPort: await freePort(), clusterPort: await freePort() });
  }
  const clusterPorts = ports.map((node) => node.clusterPort ?? 0);
  const servers = ports.map(
    (nodePorts, index) =>
      new NatsTestServer(
        `calmrun-test-${String.fromCharCode(97 + index)}`,
        nodePorts,
        clusterPorts.filter((port) => port !== nodePorts.clusterPort),
      ),
  );
  await Promise.all(servers.map((server) => server.start()));
  return servers;
}

/** Stops every server given (undefined ones are skipped). */
export async function stopAll(servers: readonly (NatsTestServer | undefined)[]): Promise<void> {
  await Promise.all(servers.flatMap((server) => (server ? [server.stop()] : [])));
}
