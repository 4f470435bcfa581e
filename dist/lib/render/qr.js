// QR codes drawn as vector squares (no image): sharp at any zoom and in print.
import QRCode from 'qrcode';
import { rgb } from 'pdf-lib';
/** Draws the QR code of `text` with its lower-left corner at (x, y), `size` points wide. */
export function drawQr(page, text, x, y, size) {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const cell = size / modules.size;
    for (let r = 0; r < modules.size; r++) {
        for (let c = 0; c < modules.size; c++) {
            if (modules.get(r, c))
                page.drawRectangle({ x: x + c * cell, y: y + (modules.size - 1 - r) * cell, width: cell + 0.05, height: cell + 0.05, color: rgb(0, 0, 0) });
        }
    }
}
//# sourceMappingURL=qr.js.map