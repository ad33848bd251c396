/* seed_org: what the seeded organisation holds — its people, assets,
 * controls, risks, incidents and tasks, and a history of updates that
 * fills the audit log — built from small word lists so that pages and
 * searches look like a real register. A new module adds its part as one
 * row of seed_parts[] (after the parts it links to) and one function. */
#include <string.h>

#include "auth/account.h"
#include "auth/secret.h"
#include "isms/seed_part.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define PAIRS(names, vals) (names), (vals), N(names)

static const char *const first_names[] = {
	"Alex", "Sam", "Maria", "Jonas", "Priya", "Chen", "Fatima", "Lukas", "Ana", "Tom",
	"Ines", "Omar", "Greta", "Yuki", "Noah", "Lea", "Kofi", "Sofia", "Ravi", "Emma",
};
static const char *const last_names[] = {
	"Berg", "Novak", "Okafor", "Silva", "Kowalski", "Haddad", "Lindqvist", "Moreau", "Tanaka", "Weber",
	"Costa", "Nielsen", "Rossi", "Kaya", "Dubois", "Meyer", "Santos", "Fischer", "Ahmed", "Larsen",
};

static int seed_users(struct seed *c, struct err *e)
{
	/* mostly owners of something; a few managers, auditors and staff */
	static const enum role roles[] = { ROLE_OWNER, ROLE_OWNER, ROLE_MANAGER, ROLE_OWNER, ROLE_AUDITOR,
					   ROLE_EMPLOYEE };
	for (int i = 0; i < seed_size(c)->users; i++) {
		char email[64], name[64], password[32];
		int64_t id;
		snprintf(email, sizeof(email), "person%03d@bench.example.org", i + 1);
		snprintf(name, sizeof(name), "%s %s", first_names[i % N(first_names)],
			 last_names[(i * 7 + i / N(first_names)) % N(last_names)]);
		password_generate(password); /* a one-time password nobody uses */
		if (user_create(seed_store(c), seed_actor(c), email, name, roles[i % N(roles)], password, 1, &id, e))
			return -1;
		seed_remember(c, "user", id);
	}
	return 0;
}

static const char *user(struct seed *c)
{
	return seed_fmt(c, "%lld", (long long)seed_pick(c, "user"));
}

static const char *ref(struct seed *c, const char *entity)
{
	return seed_fmt(c, "%lld", (long long)seed_pick(c, entity));
}

static const char *small(struct seed *c, int lo, int hi)
{
	return seed_fmt(c, "%d", lo + (int)seed_rand(c, (uint32_t)(hi - lo + 1)));
}

static const struct {
	const char *name, *type;
} asset_kinds[] = {
	{ "Customer database", "information" }, { "HR records", "information" },
	{ "Source code repository", "information" }, { "Contract archive", "information" },
	{ "Payroll application", "software" }, { "CRM system", "software" }, { "Web shop", "software" },
	{ "Build pipeline", "software" }, { "Laptop", "hardware" }, { "Database server", "hardware" },
	{ "Firewall", "hardware" }, { "Mobile phone", "hardware" }, { "E-mail service", "service" },
	{ "Backup service", "service" }, { "Identity provider", "service" }, { "Support team", "people" },
	{ "Finance team", "people" }, { "Head office", "site" }, { "Server room", "site" },
	{ "Cloud hosting", "supplier_service" }, { "Payment provider", "supplier_service" },
};
static const char *const departments[] = { "finance", "sales", "engineering", "support", "HR", "operations", NULL };
static const char *const locations[] = { "Head office", "Branch office", "Cloud region west", "Cloud region north",
					 "Home office", "Data centre A", NULL };
static const char *const classifications[] = { "public", "internal", "internal", "confidential", "restricted", NULL };
static const char *const lifecycles[] = { "in_use", "in_use", "in_use", "in_use", "planned", "retired", NULL };

static int seed_assets(struct seed *c, struct err *e)
{
	for (int i = 0; i < seed_size(c)->assets; i++) {
		int k = (int)seed_rand(c, N(asset_kinds));
		const char *names[] = { "name", "asset_type", "description", "owner", "classification",
					"confidentiality", "integrity", "availability", "location", "lifecycle" };
		const char *vals[] = {
			seed_fmt(c, "%s %05d", asset_kinds[k].name, i + 1), asset_kinds[k].type,
			seed_fmt(c, "%s used by the %s department.", asset_kinds[k].name, seed_choose(c, departments)),
			user(c), seed_choose(c, classifications), small(c, 1, 4), small(c, 1, 4), small(c, 1, 4),
			seed_choose(c, locations), seed_choose(c, lifecycles),
		};
		if (seed_record(c, "asset", PAIRS(names, vals), NULL, e))
			return -1;
	}
	return 0;
}

static const char *const control_topics[] = {
	"Access control policy", "Multi-factor authentication", "Backup and restore test", "Patch management",
	"Security awareness training", "Laptop disk encryption", "Logging and monitoring",
	"Supplier security review", "Incident response plan", "Secure development review", "Visitor sign-in",
	"Vulnerability scanning", "Asset inventory check", "Change approval", "Business continuity exercise",
	"Network segmentation", "Privileged access review", "Data retention schedule", "Malware protection",
	"Clock synchronisation", NULL,
};
static const char *const control_statuses[] = { "implemented", "implemented", "partially_implemented", "planned",
						"not_implemented", "not_applicable", NULL };
static const char *const control_types[] = { "preventive", "detective", "corrective", NULL };
static const char *const effectiveness[] = { "effective", "effective", "partially_effective", "ineffective",
					     "not_tested", NULL };

static int seed_controls(struct seed *c, struct err *e)
{
	for (int i = 0; i < seed_size(c)->controls; i++) {
		const char *topic = seed_choose(c, control_topics);
		const char *names[] = { "code", "title", "description", "control_type", "owner", "status",
					"effectiveness", "last_tested", "next_review" };
		const char *vals[] = {
			seed_fmt(c, "C-%04d", i + 1), seed_fmt(c, "%s %04d", topic, i + 1),
			seed_fmt(c, "%s, carried out by the control owner and checked at each review.", topic),
			seed_choose(c, control_types), user(c), seed_choose(c, control_statuses),
			seed_choose(c, effectiveness), seed_date(c, -365, 365), seed_date(c, 0, 365),
		};
		if (seed_record(c, "control", PAIRS(names, vals), NULL, e))
			return -1;
	}
	return 0;
}

static const char *const threats[] = {
	"Ransomware", "Phishing", "Insider misuse", "Stolen credentials", "Unpatched software exploited",
	"Power outage", "Supplier failure", "Accidental deletion", "Misconfigured cloud storage",
	"Denial of service", "Lost device", "Fire or flood", "Wrong data entry", "Malicious vendor update", NULL,
};
static const char *const consequences[] = {
	"customer data is lost", "the service stops for days", "personal data is disclosed",
	"fraudulent payments are made", "a contract is breached", "the audit finds a major nonconformity", NULL,
};
static const char *const treatments[] = { "modify", "modify", "modify", "avoid", "share", "retain", NULL };
static const char *const risk_statuses[] = { "identified", "assessed", "assessed", "treatment_planned",
					     "in_treatment", "accepted", "closed", NULL };

/* The threat and vulnerability catalogues come with the schema (migration
 * 0008): risks refer to their entries. */
static int load_catalogues(struct seed *c, struct err *e)
{
	return seed_load(c, "threat", e) || seed_load(c, "vulnerability", e) ? -1 : 0;
}

static int seed_risks(struct seed *c, struct err *e)
{
	for (int i = 0; i < seed_size(c)->risks; i++) {
		const char *threat = seed_choose(c, threats), *what = seed_choose(c, consequences);
		const char *treatment = seed_choose(c, treatments), *status = seed_choose(c, risk_statuses);
		/* closed, accepted and retained risks were treated down to the lowest
		 * residual values, within any appetite: the acceptance rule needs no
		 * signed acceptance for them */
		int settled = strcmp(treatment, "retain") == 0 || strcmp(status, "accepted") == 0 ||
			      strcmp(status, "closed") == 0;
		int residual = settled || seed_rand(c, 10) < 6;
		const char *names[] = { "title", "description", "asset", "threat", "vulnerability", "owner",
					"likelihood", "impact", "existing_controls", "treatment", "treatment_plan",
					"status", "residual_likelihood", "residual_impact" };
		const char *vals[] = {
			seed_fmt(c, "%s: %s (R-%06d)", threat, what, i + 1),
			seed_fmt(c, "%s strikes an asset, and %s.", threat, what), ref(c, "asset"), ref(c, "threat"),
			ref(c, "vulnerability"), user(c), seed_scale_value(c, 0), seed_scale_value(c, 1),
			seed_fmt(c, "See control C-%04d.", 1 + (int)seed_rand(c, (uint32_t)seed_size(c)->controls)),
			treatment, "Agree the actions with the risk owner and track them as tasks.",
			status, !residual ? "" : settled ? seed_scale_lowest(c, 0) : seed_scale_value(c, 0),
			!residual ? "" : settled ? seed_scale_lowest(c, 1) : seed_scale_value(c, 1),
		};
		if (seed_record(c, "risk", PAIRS(names, vals), NULL, e))
			return -1;
	}
	return 0;
}

static const char *const incident_kinds[] = {
	"malware", "phishing", "unauthorised_access", "data_leak", "loss_or_theft", "denial_of_service",
	"misconfiguration", "physical", "supplier", "other", NULL,
};
static const char *const severities[] = { "low", "low", "medium", "medium", "high", "critical", NULL };
static const char *const incident_statuses[] = { "reported", "triaged", "responding", "contained", "resolved",
						 "closed", "closed", NULL };

static int seed_incidents(struct seed *c, struct err *e)
{
	for (int i = 0; i < seed_size(c)->incidents; i++) {
		const char *kind = seed_choose(c, incident_kinds);
		const char *names[] = { "title", "description", "category", "severity", "status", "reporter",
					"handler", "asset", "personal_data_breach", "occurred_at", "detected_at" };
		const char *vals[] = {
			seed_fmt(c, "Event %05d: %s", i + 1, kind), "Reported by a colleague; details in the ticket.",
			kind, seed_choose(c, severities), seed_choose(c, incident_statuses), user(c), user(c),
			ref(c, "asset"), seed_rand(c, 20) == 0 ? "1" : "0", seed_datetime(c, -400, 30),
			seed_datetime(c, -370, 30),
		};
		if (seed_record(c, "incident", PAIRS(names, vals), NULL, e))
			return -1;
	}
	return 0;
}

static const char *const task_kinds[] = { "Review risk", "Test control", "Follow up incident", "Update procedure",
					   "Train new staff", "Renew supplier contract", NULL };
static const char *const task_statuses[] = { "open", "in_progress", "done", "cancelled", NULL };
static const char *const priorities[] = { "low", "normal", "normal", "high", NULL };

static int seed_tasks(struct seed *c, struct err *e)
{
	for (int i = 0; i < seed_size(c)->tasks; i++) {
		uint32_t link = seed_rand(c, 10);
		const char *names[] = { "title", "description", "owner", "due_date", "status", "priority",
					"risk", "control", "incident" };
		const char *vals[] = {
			seed_fmt(c, "%s (T-%06d)", seed_choose(c, task_kinds), i + 1),
			"Agreed at the last ISMS meeting.", user(c), seed_date(c, -60, 240),
			seed_choose(c, task_statuses), seed_choose(c, priorities), link < 5 ? ref(c, "risk") : "",
			link >= 5 && link < 8 ? ref(c, "control") : "", link == 9 ? ref(c, "incident") : "",
		};
		if (seed_record(c, "task", PAIRS(names, vals), NULL, e))
			return -1;
	}
	return 0;
}

/* A year of work: tasks move on, risks are reassessed, until the audit
 * log is as long as the size asks. */
/* What a later review sets: closing or accepting takes a signed acceptance
 * (the acceptance rule), which the activity does not sign. */
static const char *const review_statuses[] = { "identified", "assessed", "treatment_planned", "in_treatment", NULL };

static int seed_activity(struct seed *c, struct err *e)
{
	int64_t have = seed_audit_length(c, e), want = seed_size(c)->audit_entries;
	int ntasks = seed_count(c, "task"), nrisks = seed_count(c, "risk");
	if (have < 0)
		return -1;
	for (int64_t k = 0; have + k < want && (ntasks || nrisks); k++) {
		if (nrisks && (k % 4 == 3 || !ntasks)) {
			const char *names[] = { "status", "likelihood", "impact" };
			const char *vals[] = { seed_choose(c, review_statuses), seed_scale_value(c, 0),
					       seed_scale_value(c, 1) };
			if (seed_update(c, "risk", (int)seed_rand(c, (uint32_t)nrisks), PAIRS(names, vals), e))
				return -1;
		} else {
			const char *names[] = { "status", "priority", "due_date" };
			const char *vals[] = { seed_choose(c, task_statuses), seed_choose(c, priorities),
					       seed_date(c, 0, 300) };
			if (seed_update(c, "task", (int)seed_rand(c, (uint32_t)ntasks), PAIRS(names, vals), e))
				return -1;
		}
	}
	return 0;
}

const struct seed_part seed_parts[] = {
	{ "users", "user", seed_users },
	{ "assets", "asset", seed_assets },
	{ "controls", "control", seed_controls },
	{ "catalogues", NULL, load_catalogues },
	{ "risks", "risk", seed_risks },
	{ "incidents", "incident", seed_incidents },
	{ "tasks", "task", seed_tasks },
	/* new modules' parts go here, before the activity that fills the log */
	{ "activity", NULL, seed_activity },
	{ NULL, NULL, NULL },
};
