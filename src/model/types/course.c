/* course: an awareness training course (ISO 27001 7.2/7.3) — what people
 * read, the mark its quiz needs and how often a pass must be renewed. The
 * quiz, who must take the course and the attempts are isms/training.h. */
#include "model/entity.h"

static const char *const statuses[] = { "active", "retired", NULL };

static const struct field fields[] = {
	{ "title", "Title", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "summary", "Summary", FT_TEXT, F_LIST | F_SEARCH, .max_len = 500,
	  .help = "One sentence on what the course teaches; shown in the list of courses." },
	{ "content", "Content", FT_LONGTEXT, F_SEARCH | F_PANEL, .max_len = 100000,
	  .help = "What the learner reads before the quiz. Markdown." },
	{ "pass_mark", "Pass mark (%)", FT_INT, F_LIST, .min = 1, .max = 100, .def = "80",
	  .help = "The share of questions a learner must answer right to pass." },
	{ "renewal_months", "Renewal (months)", FT_INT, F_LIST, .min = 0, .max = 120, .def = "12",
	  .help = "A pass is valid this many months, then the course is due again; 0: once is enough." },
	{ "status", "Status", FT_ENUM, F_LIST, .values = statuses, .def = "active",
	  .help = "Retired courses are no longer due and cannot be taken; their results stay." },
};

const struct entity entity_course = {
	.name = "course", .plural = "courses", .table = "course",
	.label = "Course", .label_plural = "Courses",
	.title_field = "title", .default_sort = "title",
	.intro = "Awareness training: what people read, the quiz they pass and how often they renew it.",
	.read_role = ROLE_EMPLOYEE, .create_role = ROLE_MANAGER, .write_role = ROLE_MANAGER,
	/* employees see the courses that can be taken; auditors and up see all */
	.read_scope = { ROLE_AUDITOR, { NULL }, "status", "active" },
	ENTITY_FIELDS(fields),
};
