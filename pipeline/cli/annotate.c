/*
 * annotate.c - `themes annotate POOL -o LABELS.csv`: label clauses one at a
 * time in a terminal.  This file holds the options, the queue (the model's
 * uncertainty ranking, or pool order) and the durable output: every label
 * is appended with one write() and fsync'ed before the next clause shows,
 * so a crash loses at most the clause on screen, and starting again on the
 * same output resumes after the clauses it already holds.  Retraining
 * while the coder works (--retrain-every) is in annotate_retrain.c.
 */
#define _GNU_SOURCE
#include "annotate.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char header[] =
	"id,text,theme,secondary,source,coder,labelled_at,note\n";

static void print_help(FILE *out)
{
	fprintf(out,
"Usage: themes annotate POOL -o LABELS.csv [OPTION]...\n"
"Label the clauses of POOL (CSV with a text column, one clause per line, or\n"
"a whole statement) one at a time in the terminal.  Each label is appended\n"
"to LABELS.csv and flushed to disk at once; running the same command again\n"
"resumes after the clauses LABELS.csv holds.  The output is a labelled CSV\n"
"(id,text,theme,secondary,source) plus coder, labelled_at and note.\n"
"\n"
"  -o, --output=FILE      the labels file (required)\n"
"  -m, --model=MODEL      show the model's guess and runner-up, and order\n"
"                         the clauses most uncertain first\n"
"      --codebook=FILE    the labels and their descriptions (default: the\n"
"                         model's)\n"
"      --coder=NAME       the coder column (default $USER)\n"
"      --blind            hide the model's guess (for reliability coding)\n"
"      --text-column=NAME column holding the clauses (default text)\n"
"      --retrain-every=K  after every K new labels, train a model in the\n"
"                         background on the labels so far (and\n"
"                         --seed-train), with the settings of the -m\n"
"                         model or the defaults; it takes over, and\n"
"                         re-ranks the rest of the queue, when the next\n"
"                         clause comes up; if training fails, the model\n"
"                         in use stays\n"
"      --seed-train=FILE  a labelled CSV to train on with the labels\n"
"                         (with --retrain-every)\n"
"  -h, --help             show this help and exit\n"
"\n"
"Keys: 1-9, 0 for the tenth, then the letters other than e, n, q, s and u\n"
"(a, b, c, d, f, ...) choose the primary label, as the screen lists them;\n"
"+ then a label's key toggles a secondary; Enter saves; s skips; u undoes;\n"
"n adds a note; e then a label's key shows its examples; q quits.\n"
"labelled_at is the UTC time, or $THEMES_NOW when set (for tests).\n");
}

typedef struct annotate_options {
	const char *output, *model, *codebook, *coder, *text_column;
	const char *seed_train;
	long retrain_every;               /* 0: never */
	bool blind;
} annotate_options;

static int parse_command_line(int argc, char **argv, annotate_options *opt)
{
	enum { OPT_CODEBOOK = 256, OPT_CODER, OPT_BLIND, OPT_TEXT_COLUMN,
	       OPT_RETRAIN_EVERY, OPT_SEED_TRAIN };
	static const struct option options[] = {
		{"output", required_argument, NULL, 'o'},
		{"model", required_argument, NULL, 'm'},
		{"codebook", required_argument, NULL, OPT_CODEBOOK},
		{"coder", required_argument, NULL, OPT_CODER},
		{"blind", no_argument, NULL, OPT_BLIND},
		{"text-column", required_argument, NULL, OPT_TEXT_COLUMN},
		{"retrain-every", required_argument, NULL, OPT_RETRAIN_EVERY},
		{"seed-train", required_argument, NULL, OPT_SEED_TRAIN},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:m:h", options, NULL)) != -1) {
		switch (c) {
		case 'o': opt->output = optarg; break;
		case 'm': opt->model = optarg; break;
		case OPT_CODEBOOK: opt->codebook = optarg; break;
		case OPT_CODER: opt->coder = optarg; break;
		case OPT_BLIND: opt->blind = true; break;
		case OPT_TEXT_COLUMN: opt->text_column = optarg; break;
		case OPT_RETRAIN_EVERY:
			if (!parse_int_option("annotate", "--retrain-every", optarg, 1,
			                      1000000, &opt->retrain_every))
				return EXIT_USAGE;
			break;
		case OPT_SEED_TRAIN: opt->seed_train = optarg; break;
		case 'h': print_help(stdout); return EXIT_OK;
		default: return usage_error("annotate", "unrecognised option");
		}
	}
	if (optind != argc - 1)
		return usage_error("annotate", optind >= argc ? "no pool given" :
		                   "exactly one pool expected");
	if (!opt->output)
		return usage_error("annotate", "-o LABELS.csv is required");
	if (!opt->model && !opt->codebook)
		return usage_error("annotate", "give the labels: --codebook FILE "
		                   "or -m MODEL");
	if (opt->seed_train && !opt->retrain_every)
		return usage_error("annotate", "--seed-train is training data for "
		                   "--retrain-every K; add --retrain-every");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return usage_error("annotate", "annotate needs a terminal (standard "
		                   "input and output must be a TTY); run it in a "
		                   "terminal, over ssh -t or in tmux");
	return -1;
}

/* Writes all of data[0..length-1] to fd and forces it to disk. */
static bool write_durably(int fd, const char *data, size_t length)
{
	while (length > 0) {
		ssize_t n = write(fd, data, length);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		data += n;
		length -= (size_t)n;
	}
	return fsync(fd) == 0;
}

/* Opens the output for appending: a new file gets the header; a file cut
 * short inside a row (a crash mid-write) loses that partial row. */
static int open_output(annotate_session *s)
{
	s->fd = open(s->output_path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC,
	             0644);
	struct stat info;
	if (s->fd < 0 || fstat(s->fd, &info) != 0) {
		report_error("%s: %s", s->output_path, strerror(errno));
		return EXIT_DATA;
	}
	if (info.st_size == 0)
		return write_durably(s->fd, header, sizeof header - 1) ? EXIT_OK :
		       (report_error("%s: %s", s->output_path, strerror(errno)),
		        EXIT_DATA);
	off_t end = info.st_size;
	char c = '\n';
	while (end > 0 && pread(s->fd, &c, 1, end - 1) == 1 && c != '\n')
		end--;
	if (end != info.st_size && (ftruncate(s->fd, end) != 0 ||
	                            fsync(s->fd) != 0)) {
		report_error("%s: %s", s->output_path, strerror(errno));
		return EXIT_DATA;
	}
	return EXIT_OK;
}

static void now(char *out, size_t size)
{
	const char *fixed = getenv("THEMES_NOW");
	if (fixed && *fixed) {
		snprintf(out, size, "%s", fixed);
		return;
	}
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The current clause's row as CSV, into a malloc'ed buffer. */
static char *format_row(const annotate_session *s, size_t row, size_t *length)
{
	char *data = NULL, when[64];
	FILE *out = open_memstream(&data, length);
	if (!out)
		return NULL;
	now(when, sizeof when);
	const char *fields[] = {s->pool.ids[row], s->pool.texts[row],
		themes_codebook_label(s->codebook, s->primary)};
	for (int i = 0; i < 3; i++) {
		themes_write_csv_field(out, fields[i]);
		fputc(',', out);
	}
	for (int k = 0, n = 0; k < themes_codebook_count(s->codebook); k++)
		if (s->secondary >> k & 1u)
			fprintf(out, "%s%s", n++ ? ";" : "",
			        themes_codebook_label(s->codebook, k));
	const char *rest[] = {s->pool.source, s->coder, when, s->note};
	for (int i = 0; i < 4; i++) {
		fputc(',', out);
		themes_write_csv_field(out, rest[i]);
	}
	fputc('\n', out);
	if (fclose(out) != 0) {
		free(data);
		return NULL;
	}
	return data;
}

static void push_step(annotate_session *s, off_t offset)
{
	s->steps[s->step_count++] = (annotate_step){s->position, offset,
	                                            s->primary, s->secondary};
	s->position++;
	s->primary = -1;
	s->secondary = 0;
	s->note[0] = '\0';
}

int annotate_save(annotate_session *s)
{
	size_t length;
	char *row = format_row(s, s->queue[s->position], &length);
	off_t offset = lseek(s->fd, 0, SEEK_END);
	if (!row || offset < 0 || !write_durably(s->fd, row, length)) {
		free(row);
		snprintf(s->message, sizeof s->message, "cannot write %s: %s",
		         s->output_path, strerror(errno ? errno : EIO));
		return EXIT_DATA;
	}
	free(row);
	snprintf(s->message, sizeof s->message, "saved %s as %s",
	         s->pool.ids[s->queue[s->position]],
	         themes_codebook_label(s->codebook, s->primary));
	s->labelled++;
	push_step(s, offset);
	annotate_retrain_next_clause(s);
	return EXIT_OK;
}

void annotate_skip(annotate_session *s)
{
	snprintf(s->message, sizeof s->message, "skipped %s",
	         s->pool.ids[s->queue[s->position]]);
	push_step(s, -1);
	annotate_retrain_next_clause(s);
}

/* Takes back the last save (cutting it off the output) or skip. */
int annotate_undo(annotate_session *s)
{
	if (s->step_count == 0) {
		snprintf(s->message, sizeof s->message, "nothing to undo");
		return EXIT_OK;
	}
	annotate_step *step = &s->steps[--s->step_count];
	if (step->offset >= 0) {
		if (ftruncate(s->fd, step->offset) != 0 || fsync(s->fd) != 0) {
			snprintf(s->message, sizeof s->message, "cannot undo: %s",
			         strerror(errno));
			s->step_count++;
			return EXIT_DATA;
		}
		s->labelled--;
	}
	s->position = step->position;
	s->primary = step->offset >= 0 ? step->primary : -1;
	s->secondary = step->offset >= 0 ? step->secondary : 0;
	snprintf(s->message, sizeof s->message, "undid %s %s",
	         step->offset >= 0 ? "label of" : "skip of",
	         s->pool.ids[s->queue[s->position]]);
	return EXIT_OK;
}

static int load_labels(annotate_session *s, const annotate_options *opt)
{
	themes_error err = {0};
	if (opt->model &&
	    (themes_model_load(&s->model, opt->model, &err) != THEMES_OK ||
	     themes_classifier_new(&s->classifier, s->model, &err) != THEMES_OK))
		return report_failure(&err);
	int status = opt->codebook ?
		themes_codebook_read(&s->codebook, opt->codebook, &err) :
		themes_codebook_copy(&s->codebook, themes_model_codebook(s->model),
		                     &err);
	if (status != THEMES_OK)
		return report_failure(&err);
	return EXIT_OK;
}

/* The clauses still to label: every pool row the output lacks, most
 * uncertain first with a model, else in pool order. */
static int build_queue(annotate_session *s)
{
	size_t n = s->pool.count;
	unsigned char *done = calloc(n + 1, 1);
	themes_prediction *predictions = NULL;
	s->queue = calloc(n + 1, sizeof *s->queue);
	s->steps = calloc(n + 1, sizeof *s->steps);
	if (!done || !s->queue || !s->steps) {
		free(done);
		report_error("out of memory");
		return EXIT_DATA;
	}
	int status = pool_exclude(&s->pool, s->output_path, done);
	for (size_t i = 0; i < n; i++)
		s->labelled += done[i];
	if (status == EXIT_OK && s->model) {
		predictions = calloc(n + 1, sizeof *predictions);
		status = predictions ? pool_classify(s->model, &s->pool, predictions)
		                     : EXIT_DATA;
		themes_error err = {0};
		if (status == EXIT_OK &&
		    pool_rank(&s->pool, predictions, themes_model_labels(s->model),
		              done, ANNOTATE_BATCH, s->queue, &s->queue_count,
		              &err) != THEMES_OK)
			status = report_failure(&err);
	} else if (status == EXIT_OK) {
		for (size_t i = 0; i < n; i++)
			if (!done[i])
				s->queue[s->queue_count++] = i;
	}
	free(predictions);
	free(done);
	return status;
}

int main_annotate(int argc, char **argv)
{
	annotate_options opt = {0};
	int status = parse_command_line(argc, argv, &opt);
	if (status >= 0)
		return status;
	annotate_session s = {0};
	s.fd = -1;
	s.primary = -1;
	s.output_path = opt.output;
	s.blind = opt.blind;
	s.coder = opt.coder ? opt.coder : getenv("USER") ? getenv("USER") : "";
	status = load_labels(&s, &opt);
	if (status == EXIT_OK)
		status = pool_read(argv[optind], opt.text_column, &s.pool);
	if (status == EXIT_OK)
		status = open_output(&s);
	if (status == EXIT_OK)
		status = build_queue(&s);
	if (status == EXIT_OK && opt.retrain_every)
		status = annotate_retrain_init(&s, opt.retrain_every, opt.seed_train);
	if (status == EXIT_OK)
		status = annotate_run(&s);
	annotate_retrain_free(&s);
	if (s.fd >= 0)
		close(s.fd);
	free(s.queue);
	free(s.steps);
	pool_free(&s.pool);
	themes_classifier_free(s.classifier);
	themes_model_free(&s.model);
	themes_codebook_free(s.codebook);
	return status;
}
