/* document: documented information (ISO 27001 7.5) — policies, procedures,
 * standards and records, with owner, approver, state and review cycle. */
#include "model/entity.h"

static const char *const doc_types[] = {
	"policy", "procedure", "standard", "guideline", "plan", "record", NULL,
};
static const char *const states[] = { "draft", "in_review", "approved", "published", "retired", NULL };

/* The workflow (isms/doc_version.h) owns state, approver, the dates and the
 * version numbers: they are computed, never written by callers, so that
 * publishing without approval has no way in. The row is the working copy,
 * its latest version; document_version keeps every version. */
static const struct field fields[] = {
	{ "title", "Title", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "doc_type", "Type", FT_ENUM, F_REQUIRED | F_LIST, .values = doc_types },
	{ "summary", "Summary", FT_TEXT, F_SEARCH, .max_len = 500 },
	{ "body", "Body", FT_LONGTEXT, F_SEARCH | F_PANEL, .max_len = 200000,
	  .help = "Markdown: headings with #, lists with - or 1., tables with |, links as [text](https://...). "
		  "Raw HTML is not shown." },
	{ "owner", "Owner", FT_USER, F_LIST },
	{ "approver", "Approver", FT_USER, F_COMPUTED },
	{ "state", "State", FT_ENUM, F_LIST | F_COMPUTED, .values = states },
	{ "version_label", "Version", FT_TEXT, F_LIST, .max_len = 20, .def = "0.1",
	  .help = "How people name this version, such as 1.0; a new draft after publication counts up by itself." },
	{ "change_note", "Change note", FT_TEXT, 0, .max_len = 500,
	  .help = "What this version changes, in a sentence; shown in the list of versions." },
	{ "classification", "Classification", FT_TEXT, F_CLASS, .max_len = 32, .def = "internal",
	  .help = "A level of the classification scheme; it says how the document must be handled." },
	{ "review_interval_months", "Review interval (months)", FT_INT, 0, .min = 1, .max = 60, .def = "12" },
	{ "next_review", "Next review", FT_DATE, F_LIST | F_COMPUTED },
	{ "approved_at", "Approved on", FT_DATE, F_COMPUTED },
	{ "version_number", "Version number", FT_INT, F_COMPUTED },
	{ "published_version", "Published version", FT_INT, F_COMPUTED },
	{ "published_at", "Published", FT_DATETIME, F_COMPUTED },
};

const struct entity entity_document = {
	.name = "document", .plural = "documents", .table = "document",
	.label = "Document", .label_plural = "Documents",
	.title_field = "title", .default_sort = "title",
	.intro = "Policies, procedures and records, with their state and review cycle.",
	.read_role = ROLE_EMPLOYEE, .create_role = ROLE_MANAGER, .write_role = ROLE_MANAGER,
	/* employees read documents with a published version (isms/doc_version.h
	 * shows them that version's text), and drafts they own or approve */
	.read_scope = { ROLE_AUDITOR, { "owner", "approver" }, "published_version", NULL },
	.overdue = { "next_review", "state", { "retired", NULL } },
	ENTITY_FIELDS(fields),
};
