/*
 * annotate_screen.c - the terminal of `themes annotate`: raw mode through
 * termios, the screen drawn with ANSI escapes on the alternate screen, one
 * key at a time.  Works in any VT100-like terminal, over ssh and in tmux.
 */
#define _GNU_SOURCE
#include "annotate.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <utf8proc.h>

/* The keys that choose labels, in codebook order: 1-9 and 0, then the
 * letters that are not commands (e examples, n note, q quit, s skip,
 * u undo), then capitals. */
static const char label_keys[] =
	"1234567890abcdfghijklmoprtvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
_Static_assert(sizeof label_keys - 1 >= THEMES_MAX_LABELS,
               "a key for every label a codebook can have");

/* What wait_key returns when a background training ended first. */
enum { KEY_RETRAINED = -2 };

static struct termios saved_termios;
static volatile sig_atomic_t raw_active;

static void leave_raw(void)
{
	if (!raw_active)
		return;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
	/* Back to the normal screen, cursor shown. */
	if (write(STDOUT_FILENO, "\033[?25h\033[?1049l", 15) < 0)
		return;
	raw_active = 0;
}

static void on_signal(int signo)
{
	leave_raw();
	signal(signo, SIG_DFL);
	raise(signo);
}

static bool enter_raw(void)
{
	if (tcgetattr(STDIN_FILENO, &saved_termios) != 0)
		return false;
	struct termios raw = saved_termios;
	raw.c_iflag &= ~(tcflag_t)(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
	raw.c_lflag &= ~(tcflag_t)(ECHO | ICANON | IEXTEN | ISIG);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) != 0)
		return false;
	raw_active = 1;
	atexit(leave_raw);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	fputs("\033[?1049h", stdout);
	return true;
}

static int read_key(void)
{
	unsigned char c;
	ssize_t n;
	while ((n = read(STDIN_FILENO, &c, 1)) < 0)
		;
	return n == 1 ? c : -1;
}

/* The next key, or KEY_RETRAINED once a background training has ended
 * and its result is collected: the keyboard is never kept waiting. */
static int wait_key(annotate_session *s)
{
	int fd = annotate_retrain_fd(s);
	if (fd < 0)
		return read_key();
	struct pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {fd, POLLIN, 0}};
	while (poll(fds, 2, -1) < 0)
		if (errno != EINTR)
			return read_key();
	if (fds[1].revents & POLLIN) {
		annotate_retrain_collect(s);
		return KEY_RETRAINED;
	}
	return read_key();
}

static int columns(void)
{
	struct winsize w;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col >= 20)
		return w.ws_col;
	return 80;
}

/* A character of text as wrap shows it. */
typedef struct shown_char {
	const char *bytes;  /* what to print: the character, or "?" */
	size_t length;      /* bytes to print */
	size_t size;        /* the bytes of text it takes up */
	int columns;        /* display columns; -1 for a space or control */
} shown_char;

static shown_char next_char(const char *text)
{
	uint32_t cp;
	size_t size = themes_utf8_length(text, &cp);
	if (size == 0)
		return (shown_char){"?", 1, 1, 1};
	if (cp == ' ' ||
	    utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_CC)
		return (shown_char){" ", 1, size, -1};
	return (shown_char){text, size, size,
	                    utf8proc_charwidth((utf8proc_int32_t)cp)};
}

/* The state of one wrap: the line being built, in display columns. */
typedef struct wrapper {
	int room, indent, lines, max_lines;
	bool full;              /* max_lines are written */
	char bytes[4096];
	size_t length;
	int columns;
} wrapper;

static void add_char(wrapper *w, shown_char c)
{
	if (w->full || w->length + c.length >= sizeof w->bytes)
		return;
	memcpy(w->bytes + w->length, c.bytes, c.length);
	w->length += c.length;
	w->columns += c.columns > 0 ? c.columns : 0;
}

/* Writes the line and starts the next; the last line allowed ends in
 * " ..." instead, cut to make room for it. */
static void end_line(wrapper *w)
{
	if (w->lines == w->max_lines) {
		while (w->length > 0 && (w->columns + 4 > w->room ||
		                         w->bytes[w->length - 1] == ' ')) {
			size_t start = w->length - 1;
			while (start > 0 &&
			       ((unsigned char)w->bytes[start] & 0xC0) == 0x80)
				start--;
			shown_char c = next_char(w->bytes + start);
			w->columns -= c.columns > 0 ? c.columns : c.columns < 0;
			w->length = start;
		}
		printf("%.*s ...", (int)w->length, w->bytes);
		w->full = true;
		return;
	}
	while (w->length > 0 && w->bytes[w->length - 1] == ' ') {
		w->length--;
		w->columns--;
	}
	printf("%.*s\r\n%*s", (int)w->length, w->bytes, w->indent, "");
	w->length = 0;
	w->columns = 0;
	w->lines++;
}

/* Writes text word-wrapped to width display columns (a CJK character
 * takes two), each line after `indent` spaces, spaces and control
 * characters collapsed into one space; at most max_lines lines, the last
 * cut with "...".  A word wider than a line (a Chinese sentence has no
 * spaces) breaks between characters. */
static void wrap(const char *text, int width, int indent, int max_lines)
{
	wrapper w = {.indent = indent, .lines = 1, .max_lines = max_lines};
	w.room = width - indent < 8 ? 8 : width - indent > 1000 ? 1000 :
	         width - indent;
	printf("%*s", indent, "");
	while (*text && !w.full) {
		while (*text && next_char(text).columns < 0)
			text += next_char(text).size;
		int columns = 0;
		size_t length = 0;
		for (shown_char c; text[length] &&
		     (c = next_char(text + length)).columns >= 0; length += c.size)
			columns += c.columns;
		if (length == 0)
			break;
		bool space = w.columns > 0;
		if (w.columns + space + columns > w.room &&
		    (columns <= w.room || w.columns + 2 > w.room))
			end_line(&w);
		else if (space)
			add_char(&w, (shown_char){" ", 1, 1, 1});
		for (size_t i = 0; i < length && !w.full;) {
			shown_char c = next_char(text + i);
			if (w.columns + c.columns > w.room)
				end_line(&w);
			add_char(&w, c);
			i += c.size;
		}
		text += length;
	}
	if (!w.full)
		printf("%.*s", (int)w.length, w.bytes);
	fputs("\r\n", stdout);
}

static void draw_guess(const annotate_session *s, size_t row, int width)
{
	char line[256];
	themes_prediction p;
	const char *text = s->pool.texts[row];
	if (!s->model) {
		snprintf(line, sizeof line, "Model: %s", s->retrain ? "none yet" :
		         "none (no -m)");
	} else if (s->blind) {
		snprintf(line, sizeof line, "Model: hidden (--blind)");
	} else if (themes_classify(s->classifier, text, strlen(text), &p) !=
	           THEMES_OK) {
		snprintf(line, sizeof line, "Model: out of memory");
	} else {
		themes_suggestion rank;
		themes_suggest_margin(&p, themes_model_labels(s->model), &rank);
		const themes_codebook *labels = themes_model_codebook(s->model);
		int n = rank.first < 0 ?
			snprintf(line, sizeof line, "Model: no known word in this "
			         "clause") :
			snprintf(line, sizeof line, "Model: %s %.2f",
			         themes_codebook_label(labels, rank.first),
			         p.scores[rank.first]);
		if (rank.second >= 0)
			snprintf(line + n, sizeof line - (size_t)n, ", runner-up %s "
			         "%.2f", themes_codebook_label(labels, rank.second),
			         p.scores[rank.second]);
	}
	wrap(line, width, 0, 2);
}

static void draw_codebook(const annotate_session *s, int width)
{
	fputs("\r\nCodebook:\r\n", stdout);
	for (int k = 0; k < themes_codebook_count(s->codebook); k++) {
		char mark = k == s->primary ? '*' :
		            (s->secondary >> k & 1u) ? '+' : ' ';
		const char *label = themes_codebook_label(s->codebook, k);
		printf(" %c[%c] %-18s ", mark, label_keys[k], label);
		int used = 25 + (strlen(label) > 18 ? (int)strlen(label) - 18 : 0);
		wrap(themes_codebook_description(s->codebook, k), width - used, 0, 1);
	}
}

/* The label keys of the codebook in short, "1-9,0,a-b". */
static void describe_label_keys(const annotate_session *s, char *out,
                                size_t size)
{
	int count = themes_codebook_count(s->codebook);
	size_t used = 0;
	out[0] = '\0';
	for (int k = 0; k < count && used + 8 < size;) {
		int last = k;
		while (last + 1 < count && label_keys[last + 1] == label_keys[last] + 1)
			last++;
		used += (size_t)snprintf(out + used, size - used, last > k ?
		                         "%s%c-%c" : "%s%c", k ? "," : "",
		                         label_keys[k], label_keys[last]);
		k = last + 1;
	}
}

static void draw(const annotate_session *s)
{
	int width = columns();
	size_t row = s->queue[s->position];
	const pool *p = &s->pool;
	char line[1024];
	snprintf(line, sizeof line, "%s, coder %s, %zu labelled, %zu to go",
	         p->source, *s->coder ? s->coder : "(none)", s->labelled,
	         s->queue_count - s->position);
	fputs("\033[H\033[2J\033[1mthemes annotate\033[0m ", stdout);
	wrap(line, width - 16, 0, 2);
	fputs("\r\n", stdout);
	if (*p->sections[row]) {
		fputs("Section: ", stdout);
		wrap(p->sections[row], width - 9, 0, 1);
	}
	if (p->statement && row > 0) {
		fputs("\033[2m", stdout);
		wrap(p->texts[row - 1], width, 4, 2);
		fputs("\033[0m", stdout);
	}
	printf("\033[1m%s\033[0m\r\n", p->ids[row]);
	wrap(p->texts[row], width, 2, 12);
	if (p->statement && row + 1 < p->count) {
		fputs("\033[2m", stdout);
		wrap(p->texts[row + 1], width, 4, 2);
		fputs("\033[0m", stdout);
	}
	fputs("\r\n", stdout);
	draw_guess(s, row, width);
	if (s->retrain) {
		fputs("Retraining: ", stdout);
		wrap(s->model_status, width - 12, 0, 2);
	}
	draw_codebook(s, width);
	int n = snprintf(line, sizeof line, "Primary: %s | Secondary:",
	                 s->primary >= 0 ? themes_codebook_label(s->codebook,
	                 s->primary) : "(none)");
	for (int k = 0; k < themes_codebook_count(s->codebook); k++)
		if (s->secondary >> k & 1u)
			n += snprintf(line + n, sizeof line - (size_t)n, " %s",
			              themes_codebook_label(s->codebook, k));
	snprintf(line + n, sizeof line - (size_t)n, " | Note: %s", s->note);
	fputs("\r\n", stdout);
	wrap(line, width, 0, 3);
	char keys[128];
	describe_label_keys(s, keys, sizeof keys);
	snprintf(line, sizeof line, "Keys: %s primary, +key secondary, Enter "
	         "save, s skip, u undo, n note, e+key examples, q quit", keys);
	fputs("\r\n", stdout);
	wrap(line, width, 0, 3);
	wrap(s->message, width, 0, 2);
	fflush(stdout);
}

/* The label a key chooses (the codebook lists its key), or -1. */
static int label_of_key(const annotate_session *s, int key)
{
	const char *at = key > 0 ? strchr(label_keys, key) : NULL;
	int k = at ? (int)(at - label_keys) : -1;
	return k >= 0 && k < themes_codebook_count(s->codebook) ? k : -1;
}

static void toggle_secondary(annotate_session *s, int k)
{
	unsigned bit = 1u << k;
	if (k == s->primary)
		snprintf(s->message, sizeof s->message, "the primary label cannot "
		         "also be secondary");
	else if (!(s->secondary & bit) && __builtin_popcount(s->secondary) >= 2)
		snprintf(s->message, sizeof s->message, "at most two secondary "
		         "labels");
	else
		s->secondary ^= bit;
}

/* A one-line note: Enter keeps it, Escape leaves the old one. */
static void edit_note(annotate_session *s)
{
	char note[sizeof s->note];
	size_t length = 0;
	for (;;) {
		printf("\r\033[2KNote (Enter keeps, Esc cancels): %.*s",
		       (int)length, note);
		fflush(stdout);
		int key = read_key();
		if (key == '\r' || key == '\n') {
			memcpy(s->note, note, length);
			s->note[length] = '\0';
			return;
		}
		if (key == 27 || key < 0)
			return;
		if ((key == 127 || key == 8) && length > 0) {
			while (length > 0 && ((unsigned char)note[--length] & 0xC0) ==
			       0x80)
				;
		} else if (key >= 0x20 && key != 127 && length + 1 < sizeof note) {
			note[length++] = (char)key;
		}
	}
}

/* The clauses the output already labels k, until a key is pressed. */
static void show_examples(const annotate_session *s, int k)
{
	themes_error err = {0};
	themes_reader *reader = NULL;
	themes_read_options ro = {THEMES_FORMAT_CSV, NULL, NULL};
	const char *slug = themes_codebook_label(s->codebook, k);
	printf("\033[H\033[2JExamples of \033[1m%s\033[0m: ", slug);
	wrap(themes_codebook_description(s->codebook, k), columns(), 0, 3);
	fputs("\r\n", stdout);
	int shown = 0;
	themes_record rec;
	if (themes_reader_open(&reader, s->output_path, &ro, &err) == THEMES_OK)
		while (shown < 10 && themes_reader_next(reader, &rec, &err) == 1) {
			const char *theme = themes_reader_field(reader, "theme");
			if (theme && strcmp(theme, slug) == 0) {
				printf("- %s\r\n", rec.id ? rec.id : "");
				wrap(rec.text, columns(), 2, 3);
				shown++;
			}
		}
	themes_reader_close(reader);
	if (shown == 0)
		fputs("(none labelled yet)\r\n", stdout);
	fputs("\r\nPress any key to go back.\r\n", stdout);
	fflush(stdout);
	read_key();
}

/* Handles one key; returns 1 to quit, 0 to go on, or an exit status > 1
 * shifted by one (a failure to write). */
static int handle_key(annotate_session *s, int key)
{
	int k = label_of_key(s, key);
	s->message[0] = '\0';
	if (k >= 0) {
		s->primary = k;
		s->secondary &= ~(1u << k);
	} else if (key == '+' || key == 'e') {
		int target = label_of_key(s, read_key());
		if (target < 0)
			snprintf(s->message, sizeof s->message, "%c needs a label's "
			         "key", key);
		else if (key == '+')
			toggle_secondary(s, target);
		else
			show_examples(s, target);
	} else if (key == '\r' || key == '\n') {
		if (s->primary < 0) {
			char keys[128];
			describe_label_keys(s, keys, sizeof keys);
			snprintf(s->message, sizeof s->message, "choose a primary "
			         "label first (%s)", keys);
		} else if (annotate_save(s) != EXIT_OK) {
			return 1 + EXIT_DATA;
		}
	} else if (key == 's') {
		annotate_skip(s);
	} else if (key == 'u') {
		if (annotate_undo(s) != EXIT_OK)
			return 1 + EXIT_DATA;
	} else if (key == 'n') {
		edit_note(s);
	} else if (key == 'q' || key == 3 || key == 4 || key < 0) {
		return 1;
	}
	return 0;
}

int annotate_run(annotate_session *s)
{
	if (!enter_raw()) {
		report_error("cannot set up the terminal");
		return EXIT_DATA;
	}
	int result = 0;
	while (result == 0) {
		if (s->position >= s->queue_count) {
			printf("\033[H\033[2JAll %zu clauses of %s are labelled in %s.\r\n"
			       "Press u to undo the last step, any other key to "
			       "quit.\r\n", s->labelled, s->pool.source, s->output_path);
			fflush(stdout);
			if (read_key() == 'u' && s->step_count > 0) {
				annotate_undo(s);
				continue;
			}
			break;
		}
		draw(s);
		int key = wait_key(s);
		if (key != KEY_RETRAINED)
			result = handle_key(s, key);
	}
	leave_raw();
	printf("themes: %zu clauses labelled in %s\n", s->labelled,
	       s->output_path);
	return result > 1 ? result - 1 : EXIT_OK;
}
