// TOTP (RFC 6238, SHA1, 6 digits, 30 s) computed in node for the tests, as
// an authenticator app would, from the base32 secret isms hands out.
import crypto from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(text) {
	let bits = 0;
	let value = 0;
	const out = [];
	for (const c of text.replace(/[=\s]/g, '').toUpperCase()) {
		const v = ALPHABET.indexOf(c);
		if (v < 0) throw new Error(`not base32: ${text}`);
		value = (value << 5) | v;
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

/** The current time step. */
export const stepNow = () => Math.floor(Date.now() / 1000 / 30);

/** The six-digit code of a step. */
export function totp(secret, step) {
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(step));
	const mac = crypto.createHmac('sha1', base32Decode(secret)).update(msg).digest();
	const off = mac[19] & 0x0f;
	const bin = ((mac[off] & 0x7f) << 24) | (mac[off + 1] << 16) | (mac[off + 2] << 8) | mac[off + 3];
	return String(bin % 1_000_000).padStart(6, '0');
}

/**
 * A code the server accepts now for a device { secret, last }: the step of
 * now, or the next one after the last used (the server takes now ± 1 and
 * refuses steps already used). Waits for the clock when both are used.
 */
export async function nextCode(device) {
	for (;;) {
		const now = stepNow();
		const step = Math.max(now, device.last + 1);
		if (step <= now + 1) {
			device.last = step;
			return totp(device.secret, step);
		}
		await new Promise((r) => setTimeout(r, 1000));
	}
}

/** Six digits that are no code of now ± 2 steps. */
export function wrongCode(secret) {
	const now = stepNow();
	const near = new Set([-2, -1, 0, 1, 2].map((d) => totp(secret, now + d)));
	for (let n = 0; ; n++) {
		const c = String(n).padStart(6, '0');
		if (!near.has(c)) return c;
	}
}
