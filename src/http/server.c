/* server: libmicrohttpd glue. Collects the request body (refusing more than
 * its route takes: http_body_limit), hands the complete request to the dispatcher, sends the
 * response with the security headers every response carries, writes one
 * access-log line, and shuts down cleanly on SIGINT/SIGTERM. Each worker
 * thread keeps its own database connection; so does the housekeeping thread
 * (isms/housekeeping.h), started with the daemon and stopped first. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "base/timeutil.h"
#include "base/util.h"
#include "base/xalloc.h"
#include "http/http.h"
#include "isms/housekeeping.h"

#define MAX_THREADS 64
/* A body over HTTP_MAX_BODY is read and dropped up to this size before the
 * 413 goes out: closing a socket with unread data makes the kernel reset the
 * connection, and the client would never see the 413. Past it we close. */
#define DISCARD_LIMIT (16 * 1024 * 1024)

static const char csp[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			  "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
			  "frame-ancestors 'none'";

struct conn_ctx {
	int64_t start_us;
	struct strbuf body;
	int too_large;
	size_t discarded;
	size_t limit; /* the route's largest body (http_body_limit) */
};

static const struct server_config *config;
static int access_log = 1;

/* One connection per worker thread, opened on first use, closed at exit. */
static _Thread_local struct store *thread_store;
static pthread_mutex_t stores_lock = PTHREAD_MUTEX_INITIALIZER;
static struct store *stores[MAX_THREADS * 2];
static int nstores;

static struct store *worker_store(struct err *e)
{
	if (thread_store)
		return thread_store;
	if (store_open(&thread_store, config->db_url, 0, e))
		return NULL;
	pthread_mutex_lock(&stores_lock);
	if (nstores < (int)ARRAY_SIZE(stores))
		stores[nstores++] = thread_store;
	pthread_mutex_unlock(&stores_lock);
	return thread_store;
}

static void add_common_headers(struct MHD_Response *r, const char *content_type, int cacheable)
{
	if (content_type)
		MHD_add_response_header(r, "Content-Type", content_type);
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
	MHD_add_response_header(r, "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
	MHD_add_response_header(r, "Cache-Control", cacheable ? "public, max-age=3600" : "no-store");
}

static enum MHD_Result send_response(struct MHD_Connection *c, struct response *resp, int cacheable)
{
	size_t len;
	char *buf = sb_detach(&resp->body, &len);
	struct MHD_Response *r = MHD_create_response_from_buffer(len, buf, MHD_RESPMEM_MUST_FREE);
	enum MHD_Result ret;
	if (!r) {
		free(buf);
		return MHD_NO;
	}
	add_common_headers(r, resp->content_type, cacheable);
	{
		/* behind a TLS-terminating proxy, browsers must keep to https */
		const char *proto = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-Proto");
		if (proto && strcmp(proto, "https") == 0)
			MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
	}
	for (int i = 0; i < resp->nheaders; i++)
		MHD_add_response_header(r, resp->header_names[i], resp->header_values[i]);
	ret = MHD_queue_response(c, (unsigned)resp->status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result send_problem(struct MHD_Connection *c, const struct err *e)
{
	struct response resp;
	enum MHD_Result ret;
	memset(&resp, 0, sizeof(resp));
	sb_init(&resp.body, 0);
	http_reply_problem(&resp, e);
	ret = send_response(c, &resp, 0);
	sb_release(&resp.body);
	return ret;
}

static void log_access(const char *method, const char *url, int status, int64_t start_us)
{
	if (access_log)
		log_info("%s %s %d %lldus", method, url, status, (long long)(time_now_us() - start_us));
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_size,
				  void **con_cls)
{
	struct conn_ctx *cx = *con_cls;
	struct request req;
	struct response resp;
	struct err e = ERR_INIT;
	enum MHD_Result ret;
	(void)cls;
	(void)version;

	if (!cx) {
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		int64_t n;
		cx = xcalloc(1, sizeof(*cx));
		cx->start_us = time_now_us();
		cx->limit = http_body_limit(method, url);
		sb_init(&cx->body, 0);
		*con_cls = cx;
		const char *expect = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Expect");
		if (cl && (parse_int64(cl, &n) || (n > (int64_t)cx->limit && (n > DISCARD_LIMIT || expect)))) {
			/* refuse before reading a byte: a client that asked "100-continue"
			 * sends nothing more, and a huge body is not worth reading */
			err_set(&e, 413, "too_large", "The request body is larger than %zu bytes.", cx->limit);
			log_access(method, url, 413, cx->start_us);
			return send_problem(c, &e);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		if (!cx->too_large && cx->body.len + *upload_size > cx->limit) {
			cx->too_large = 1;
			cx->discarded = cx->body.len;
			sb_release(&cx->body);
		}
		if (cx->too_large) {
			cx->discarded += *upload_size;
			if (cx->discarded > DISCARD_LIMIT)
				return MHD_NO; /* stop reading: close the connection */
		} else {
			sb_add(&cx->body, upload_data, *upload_size);
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (cx->too_large) {
		err_set(&e, 413, "too_large", "The request body is larger than %zu bytes.", cx->limit);
		log_access(method, url, 413, cx->start_us);
		return send_problem(c, &e);
	}

	memset(&req, 0, sizeof(req));
	memset(&resp, 0, sizeof(resp));
	sb_init(&resp.body, 0);
	req.conn = c;
	req.method = method;
	req.path = url;
	req.body = cx->body.buf;
	req.body_len = cx->body.len;
	req.store = worker_store(&e);
	if (!req.store) {
		log_error("database: %s", e.message);
		err_set(&e, 503, "unavailable", "The database is not available; try again shortly.");
		http_reply_problem(&resp, &e);
	} else {
		http_dispatch(&req, &resp);
	}
	if (!resp.status)
		resp.status = 500;
	log_access(method, url, resp.status, cx->start_us);
	ret = send_response(c, &resp, req.route && (req.route->flags & RF_STATIC) && resp.status == 200);
	sb_release(&resp.body);
	arena_release(&req.arena);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct conn_ctx *cx = *con_cls;
	(void)cls;
	(void)c;
	(void)toe;
	if (!cx)
		return;
	sb_release(&cx->body);
	free(cx);
	*con_cls = NULL;
}

static int parse_listen(const char *listen, struct sockaddr_in *addr)
{
	const char *colon = strrchr(listen, ':');
	char host[64];
	int64_t port;
	memset(addr, 0, sizeof(*addr));
	addr->sin_family = AF_INET;
	if (!colon || (size_t)(colon - listen) >= sizeof(host) || parse_int64(colon + 1, &port) || port < 0 ||
	    port > 65535)
		return -1;
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	if (strcmp(host, "localhost") == 0)
		snprintf(host, sizeof(host), "127.0.0.1");
	if (inet_pton(AF_INET, host, &addr->sin_addr) != 1)
		return -1;
	addr->sin_port = htons((uint16_t)port);
	return 0;
}

int server_run(const struct server_config *cfg)
{
	struct sockaddr_in addr;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	sigset_t set;
	int sig = 0, threads = cfg->threads;
	char host[INET_ADDRSTRLEN];
	struct err e = ERR_INIT;
	struct store *probe;

	config = cfg;
	access_log = !cfg->quiet;
	if (parse_listen(cfg->listen, &addr)) {
		log_error("--listen %s: expected ADDR:PORT with an IPv4 address, e.g. 127.0.0.1:8080", cfg->listen);
		return 2;
	}
	/* fail at start, not at the first request, when the database is missing */
	if (store_open(&probe, cfg->db_url, 0, &e)) {
		log_error("%s", e.message);
		return 1;
	}
	store_close(probe);
	if (threads <= 0)
		threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (threads < 1)
		threads = 1;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;

	/* Signals go to this thread only, through sigwait below. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, 0, NULL, NULL, on_request, NULL,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
			     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
			     MHD_OPTION_END);
	if (!d) {
		log_error("cannot listen on %s (address in use or not allowed?)", cfg->listen);
		return 1;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	inet_ntop(AF_INET, &addr.sin_addr, host, sizeof(host));
	printf("listening on http://%s:%u\n", host, info ? (unsigned)info->port : (unsigned)ntohs(addr.sin_port));
	fflush(stdout);
	log_info("isms serving %s with %d worker threads", cfg->db_url, threads);
	housekeeping_start(cfg->db_url, 60);

	while (sigwait(&set, &sig) != 0)
		;
	log_info("signal %d: finishing in-flight requests", sig);
	housekeeping_stop();
	MHD_quiesce_daemon(d);
	MHD_stop_daemon(d); /* joins the workers once their current requests are done */
	for (int i = 0; i < nstores; i++)
		store_close(stores[i]);
	nstores = 0;
	log_info("stopped cleanly");
	return 0;
}
