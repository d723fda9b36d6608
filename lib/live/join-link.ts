import QRCode from "qrcode";

/** The address participants open to join a GameDay: it lands them in follow mode. */
export function joinUrl(origin: string, gameDayId: string): string {
  return `${origin.replace(/\/+$/, "")}/gamedays/${encodeURIComponent(gameDayId)}?follow=1`;
}

/**
 * The join address as a QR code (an SVG data: URL), dark on light with the
 * quiet zone the standard asks for, so phones read it off a TV in either theme.
 */
export async function joinQrDataUrl(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 4, color: { dark: "#000000", light: "#ffffff" } });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
