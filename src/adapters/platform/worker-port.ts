/** The two ends of a dedicated worker's channel, as each side sees it (and tests fake). */
export interface MessagePortLike<Outgoing, Incoming> {
  postMessage(message: Outgoing, options?: { transfer?: Transferable[] }): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<Incoming>) => void): void;
}

/** A started worker as the page holds it: its port, its failure, and how to stop it. */
export interface WorkerLike<Outgoing, Incoming> extends MessagePortLike<Outgoing, Incoming> {
  addEventListener(type: 'message', listener: (event: MessageEvent<Incoming>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  terminate(): void;
}
