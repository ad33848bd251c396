/* review: a management review (ISO 27001 9.3) — when it meets, who chairs and
 * attends, the minutes, and its outputs: decisions (text) and actions (tasks
 * naming it). Its inputs are compiled from the data on the day it is created
 * and frozen in the record (isms/review.h owns the compiling, the closing
 * rule and the attendees). */
#include "model/entity.h"

static const char *const statuses[] = { "draft", "held", "closed", NULL };

static const struct field fields[] = {
	{ "title", "Title", FT_TEXT, F_REQUIRED | F_LIST | F_SEARCH, .max_len = 200 },
	{ "review_date", "Date", FT_DATE, F_REQUIRED | F_LIST, .help = "The day top management meets." },
	{ "chair", "Chair", FT_USER, F_LIST, .help = "Who leads the review for top management." },
	{ "status", "Status", FT_ENUM, F_LIST, .values = statuses, .def = "draft",
	  .help = "Draft while it is prepared, held once the meeting took place, closed when its outputs are "
		  "recorded. A closed review no longer changes." },
	{ "external_attendees", "External attendees", FT_TEXT, F_SEARCH, .max_len = 1000,
	  .help = "People from outside who took part, with their organisation, separated by commas." },
	{ "feedback", "Feedback from interested parties", FT_LONGTEXT, 0, .max_len = 8000,
	  .help = "What customers, staff, regulators and others said about information security since the last "
		  "review." },
	{ "improvement", "Opportunities for improvement", FT_LONGTEXT, 0, .max_len = 8000,
	  .help = "Where the management system could do better, as raised before or during the meeting." },
	{ "minutes", "Minutes", FT_LONGTEXT, F_SEARCH, .max_len = 20000,
	  .help = "What was discussed, input by input." },
	{ "decisions", "Decisions", FT_LONGTEXT, F_SEARCH, .max_len = 8000,
	  .help = "The outputs: decisions on improvement and on changes to the management system. A review is "
		  "closed only with decisions or actions." },
	{ "compiled_on", "Inputs compiled on", FT_DATE, F_COMPUTED,
	  .help = "The day the inputs below were compiled from the data; they stay as they were then." },
	{ "closed_on", "Closed on", FT_DATE, F_COMPUTED },
};

const struct entity entity_review = {
	.name = "review", .plural = "reviews", .table = "management_review",
	.label = "Management review", .label_plural = "Management reviews",
	.title_field = "title", .default_sort = "-review_date",
	.intro = "Top management's reviews of the ISMS: inputs compiled from the data, decisions and actions.",
	.read_role = ROLE_AUDITOR, .create_role = ROLE_MANAGER, .write_role = ROLE_MANAGER,
	.overdue = { "review_date", "status", { "closed", NULL } },
	ENTITY_FIELDS(fields),
};
