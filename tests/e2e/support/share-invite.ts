import { m } from '../../../src/paraglide/messages.js';
import { writeFileSync } from 'node:fs';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { encode } from 'uqr';
import { button } from './calm-run-page';

/** On the group screen: types the practice's server and the therapist's name, and makes an invitation. */
export async function makeInvitation(
  page: Page,
  serverUrl: string,
  invitedBy: string,
): Promise<{ link: string }> {
  await page.getByLabel(m.shareServerLabel()).fill(serverUrl);
  await page.getByLabel(m.shareInvitedByLabel()).fill(invitedBy);
  await page.getByTestId('share-create').click();
  await page.getByTestId('share-qr').waitFor();
  return { link: await page.getByTestId('share-link').inputValue() };
}

/** On the group screen: the runners' login (carried in the invitation) and this device's therapist login. */
export async function fillShareLogins(
  page: Page,
  runner: { user: string; password: string },
  therapist: { user: string; password: string },
): Promise<void> {
  const groups = [
    [m.shareLoginTitle(), m.shareRunnerUserLabel(), m.shareRunnerPasswordLabel(), runner],
    [m.shareTherapistLoginTitle(), m.shareTherapistUserLabel(), m.shareTherapistPasswordLabel(), therapist],
  ] as const;
  for (const [title, userLabel, passwordLabel, login] of groups) {
    const details = page.locator('details', { has: page.getByText(title, { exact: true }) });
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    await details.getByLabel(userLabel, { exact: true }).fill(login.user);
    await details.getByLabel(passwordLabel, { exact: true }).fill(login.password);
  }
}

/** The text of the QR code shown on the page, read back from its pixels as a camera would (jsQR). */
export async function readShownQrCode(page: Page): Promise<string | undefined> {
  const sizePx = 360;
  const pixels = await page.getByTestId('share-qr').evaluate(async (svg, size) => {
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const context = canvas.getContext('2d');
    if (!context) return [];
    context.drawImage(image, 0, 0, size, size);
    return Array.from(context.getImageData(0, 0, size, size).data);
  }, sizePx);
  return jsQR(Uint8ClampedArray.from(pixels), sizePx, sizePx)?.data;
}

/**
 * A Y4M video (what Chromium's fake camera plays, `--use-file-for-fake-video-capture`) of one frame: the QR code of
 * `text`, dark on white, in the middle of a 640 × 480 picture, as a phone held up to the therapist's screen sees it.
 */
export function writeQrVideo(path: string, text: string): void {
  const width = 640;
  const height = 480;
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  const modulePx = Math.floor(Math.min(width, height) / size);
  const left = Math.floor((width - size * modulePx) / 2);
  const top = Math.floor((height - size * modulePx) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < size * modulePx; y++)
    for (let x = 0; x < size * modulePx; x++)
      if (data[Math.floor(y / modulePx)]?.[Math.floor(x / modulePx)]) luma[(top + y) * width + left + x] = 16;
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`),
      luma,
      chroma,
    ]),
  );
}

/** Agrees to the invitation shown on the join screen, and waits until the app says so. */
export async function agreeToInvitation(page: Page, invitedBy: string): Promise<void> {
  await button(page, m.joinAgree()).click();
  await page
    .getByRole('status')
    .filter({ hasText: m.joinAgreed({ name: invitedBy }) })
    .waitFor();
}
