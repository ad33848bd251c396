/* web: the server-rendered HTML user interface. Pages are generic over the
 * entity table (list, detail, form) plus login, password change and home.
 * Every page is built with web/html.h; assets are embedded in the binary. */
#ifndef ISMS_WEB_H
#define ISMS_WEB_H
#include "http/http.h"

/* pages_auth.c */
void web_login_form(struct request *req, struct response *resp);
void web_login_submit(struct request *req, struct response *resp);
void web_logout(struct request *req, struct response *resp);
void web_password_form(struct request *req, struct response *resp);
void web_password_submit(struct request *req, struct response *resp);

/* pages_home.c */
void web_home(struct request *req, struct response *resp);

/* pages_entity.c */
void web_list(struct request *req, struct response *resp);
void web_detail(struct request *req, struct response *resp);
void web_new_form(struct request *req, struct response *resp);
void web_create(struct request *req, struct response *resp);
void web_edit_form(struct request *req, struct response *resp);
void web_update(struct request *req, struct response *resp);
void web_archive(struct request *req, struct response *resp);

/* static.c: GET /static/{name} from the embedded assets */
void web_static(struct request *req, struct response *resp);

#endif
