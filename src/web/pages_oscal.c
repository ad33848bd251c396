/* pages_oscal: GET /frameworks/{id}/oscal/{name} — the download of an OSCAL
 * document of framework {id} from the web UI (the framework page links
 * here; the poam covers the whole ISMS, whichever framework it is asked
 * from). The bytes are the API's (api_oscal_send); a refusal is an error
 * page with the reason and a way back to the framework. */
#include "api/api.h"
#include "web/page.h"
#include "web/web.h"

void web_oscal_download(struct request *req, struct response *resp)
{
	struct err e = ERR_INIT;
	if (api_oscal_send(req, resp, req->param, req->id, &e))
		page_error(req, resp, &e, arena_printf(&req->arena, "/frameworks/%lld", (long long)req->id),
			   "Back to the framework");
}
