/* qr: a QR code as inline SVG. libqrencode makes the module matrix; each
 * row's runs of dark modules become one path, drawn on a white square with
 * the quiet zone of four modules the standard asks for. No script, no
 * style attribute: the size comes from the width/height attributes. */
#include <qrencode.h>

#include "web/page.h"

#define QR_QUIET 4

void qr_svg(struct strbuf *sb, const char *text, int size, const char *label)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	struct strbuf d = STRBUF_INIT;
	int w, n;
	if (!q) {
		page_notice(sb, "warn", "The QR code could not be drawn; type the key below into the app instead.");
		return;
	}
	w = q->width;
	n = w + 2 * QR_QUIET;
	for (int y = 0; y < w; y++) {
		for (int x = 0; x < w; x++) {
			int run = 0;
			while (x + run < w && (q->data[y * w + x + run] & 1))
				run++;
			if (run) {
				sb_addf(&d, "M%d %dh%dv1h-%dz", x + QR_QUIET, y + QR_QUIET, run, run);
				x += run;
			}
		}
	}
	/* the path holds only letters, digits, spaces and minus signs */
	html_printf(sb,
		    "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
		    "height=\"%d\" role=\"img\" aria-label=\"%s\" shape-rendering=\"crispEdges\">"
		    "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/><path d=\"%s\" fill=\"#000000\"/></svg>",
		    n, n, size, size, label, n, n, d.buf);
	sb_release(&d);
	QRcode_free(q);
}
