#include "isms/audit.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "base/util.h"

#define HASH_HEX 65

static void json_int_or_null(struct strbuf *sb, int64_t v, int is_null)
{
	if (is_null)
		sb_adds(sb, "null");
	else
		sb_addf(sb, "%lld", (long long)v);
}

/* The canonical form of an entry, hashed after the previous entry's hash. */
static void canonical(struct strbuf *sb, int64_t id, const char *at, int64_t actor, int actor_null,
		      const char *action, const char *type, int64_t record_id, int record_null,
		      const char *before, const char *after)
{
	sb_reset(sb);
	sb_addf(sb, "[%lld,", (long long)id);
	jsonw_str(sb, at);
	sb_addc(sb, ',');
	json_int_or_null(sb, actor, actor_null);
	sb_addc(sb, ',');
	jsonw_str(sb, action);
	sb_addc(sb, ',');
	jsonw_str(sb, type);
	sb_addc(sb, ',');
	json_int_or_null(sb, record_id, record_null);
	sb_addc(sb, ',');
	jsonw_str(sb, before);
	sb_addc(sb, ',');
	jsonw_str(sb, after);
	sb_addc(sb, ']');
}

/* SHA-256 from OpenSSL, which uses the CPU's SHA instructions where there
 * are some: verifying a long chain is mostly hashing. */
static void chain_hash(const char *prev, const struct strbuf *entry, char out[HASH_HEX])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned char h[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) || !EVP_DigestUpdate(ctx, prev, strlen(prev)) ||
	    !EVP_DigestUpdate(ctx, entry->buf, entry->len) || !EVP_DigestFinal_ex(ctx, h, &n) || n != 32)
		abort(); /* out of memory: as xmalloc does */
	EVP_MD_CTX_free(ctx);
	hex_encode(h, n, out);
}

int audit_append(struct store *s, const struct actor *who, const char *action, const char *record_type,
		 int64_t record_id, const char *before, const char *after, struct err *e)
{
	char now[32], prev[HASH_HEX], hash[HASH_HEX];
	struct strbuf entry = STRBUF_INIT;
	struct stmt *st;
	int64_t id = 0, actor = who ? who->user_id : 0;
	int rc = -1, step;

	/* take the chain head: this row update is the lock that orders appenders */
	st = store_prepare(s, "UPDATE audit_head SET last_id = last_id + 1 WHERE id = 1 RETURNING last_id, last_hash", e);
	if (!st)
		return -1;
	step = stmt_step(st, e);
	if (step == STORE_ROW) {
		id = stmt_int(st, 0);
		snprintf(prev, sizeof(prev), "%s", stmt_text(st, 1));
	}
	stmt_done(st);
	if (step != STORE_ROW)
		return step < 0 ? -1 : err_set(e, 500, "audit", "The audit log has no head row.");

	time_now_iso(now);
	canonical(&entry, id, now, actor, actor == 0, action, record_type, record_id, record_id == 0, before, after);
	chain_hash(prev, &entry, hash);

	st = store_prepare(s, "INSERT INTO audit_log (id, at, actor_id, action, record_type, record_id, before_json, "
			      "after_json, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", e);
	if (!st)
		goto out;
	stmt_bind_int(st, 1, id);
	stmt_bind_text(st, 2, now);
	stmt_bind_id(st, 3, actor);
	stmt_bind_text(st, 4, action);
	stmt_bind_text(st, 5, record_type);
	stmt_bind_id(st, 6, record_id);
	stmt_bind_text(st, 7, before);
	stmt_bind_text(st, 8, after);
	stmt_bind_text(st, 9, hash);
	step = stmt_step(st, e);
	stmt_done(st);
	if (step < 0)
		goto out;
	st = store_prepare(s, "UPDATE audit_head SET last_hash = ? WHERE id = 1", e);
	if (!st)
		goto out;
	stmt_bind_text(st, 1, hash);
	step = stmt_step(st, e);
	stmt_done(st);
	rc = step < 0 ? -1 : 0;
out:
	sb_release(&entry);
	return rc;
}

static void broken(struct audit_report *r, int64_t id, const char *why)
{
	if (!r->broken_id) {
		r->broken_id = id;
		snprintf(r->reason, sizeof(r->reason), "%s", why);
	}
}

#define ROW_COLUMNS "id, at, actor_id, action, record_type, record_id, before_json, after_json, hash"

/* The hash a row read with ROW_COLUMNS must have after the hash prev. */
static void row_hash(struct stmt *st, const char *prev, struct strbuf *entry, char out[HASH_HEX])
{
	canonical(entry, stmt_int(st, 0), stmt_text(st, 1), stmt_int(st, 2), stmt_isnull(st, 2), stmt_text(st, 3),
		  stmt_text(st, 4), stmt_int(st, 5), stmt_isnull(st, 5), stmt_text(st, 6), stmt_text(st, 7));
	chain_hash(prev, entry, out);
}

int audit_verify_upto(struct store *s, int64_t last, struct audit_report *r, struct err *e)
{
	char prev[HASH_HEX], hash[HASH_HEX];
	struct strbuf entry = STRBUF_INIT;
	struct stmt *st;
	int64_t expect = 1, head_id = 0;
	int step, rc = -1;

	memset(r, 0, sizeof(*r));
	memset(prev, '0', 64);
	prev[64] = '\0';
	st = store_prepare(s, "SELECT " ROW_COLUMNS " FROM audit_log WHERE id <= ? ORDER BY id", e);
	if (!st)
		return -1;
	stmt_bind_int(st, 1, last > 0 ? last : INT64_MAX);
	while ((step = stmt_step(st, e)) == STORE_ROW) {
		int64_t id = stmt_int(st, 0);
		const char *stored = stmt_text(st, 8);
		r->entries++;
		if (r->broken_id)
			continue;
		if (id != expect) {
			char why[160];
			snprintf(why, sizeof(why), "entry %lld was expected here: rows were deleted before it, "
				 "or it was inserted", (long long)expect);
			broken(r, id, why);
			continue;
		}
		row_hash(st, prev, &entry, hash);
		if (!stored || strcmp(hash, stored) != 0) {
			broken(r, id, "its content does not match its hash (the row was edited)");
			continue;
		}
		memcpy(prev, hash, sizeof(prev));
		expect++;
	}
	stmt_done(st);
	if (step < 0)
		goto out;
	if (last > 0) { /* a prefix of the chain: newer entries and the head are not its business */
		if (!r->broken_id && expect - 1 != last)
			broken(r, expect, "the entry is missing");
		rc = 0;
		goto out;
	}
	st = store_prepare(s, "SELECT last_id, last_hash FROM audit_head WHERE id = 1", e);
	if (!st)
		goto out;
	step = stmt_step(st, e);
	if (step == STORE_ROW) {
		head_id = stmt_int(st, 0);
		if (!r->broken_id && (head_id != expect - 1 || strcmp(stmt_text(st, 1), prev) != 0))
			broken(r, expect, "the newest entries are missing (the log was truncated)");
	} else if (step == STORE_DONE) {
		broken(r, 0, "the chain head is missing");
	}
	stmt_done(st);
	rc = step < 0 ? -1 : 0;
out:
	sb_release(&entry);
	return rc;
}

int audit_verify(struct store *s, struct audit_report *r, struct err *e)
{
	return audit_verify_upto(s, 0, r, e);
}

int audit_entry_check(struct store *s, int64_t id, char prev[65], int *intact, struct err *e)
{
	char hash[HASH_HEX];
	struct strbuf entry = STRBUF_INIT;
	struct stmt *st;
	int step;

	*intact = 0;
	memset(prev, '0', 64);
	prev[64] = '\0';
	if (id > 1) {
		if (!(st = store_prepare(s, "SELECT hash FROM audit_log WHERE id = ?", e)))
			return -1;
		stmt_bind_int(st, 1, id - 1);
		step = stmt_step(st, e);
		if (step == STORE_ROW)
			snprintf(prev, HASH_HEX, "%s", stmt_text(st, 0) ? stmt_text(st, 0) : "");
		else
			prev[0] = '\0'; /* the entry before is gone */
		stmt_done(st);
		if (step < 0)
			return -1;
	}
	if (!(st = store_prepare(s, "SELECT " ROW_COLUMNS " FROM audit_log WHERE id = ?", e)))
		return -1;
	stmt_bind_int(st, 1, id);
	step = stmt_step(st, e);
	if (step == STORE_ROW && prev[0]) {
		row_hash(st, prev, &entry, hash);
		*intact = stmt_text(st, 8) && strcmp(hash, stmt_text(st, 8)) == 0;
	}
	stmt_done(st);
	sb_release(&entry);
	if (step == STORE_DONE)
		return err_set(e, 404, "not_found", "There is no audit entry %lld.", (long long)id);
	return step < 0 ? -1 : 0;
}
