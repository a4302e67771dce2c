/*
 * annotate_screen.c - the terminal of `themes annotate`: raw mode through
 * termios, the screen drawn with ANSI escapes on the alternate screen, one
 * key at a time.  Works in any VT100-like terminal, over ssh and in tmux.
 */
#define _GNU_SOURCE
#include "annotate.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

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

static int columns(void)
{
	struct winsize w;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col >= 20)
		return w.ws_col;
	return 80;
}

/* Writes text word-wrapped to width columns (UTF-8 characters count one),
 * each line after `indent` spaces, control bytes as spaces; at most
 * max_lines lines (the last cut with "..."). */
static void wrap(const char *text, int width, int indent, int max_lines)
{
	int column = 0, lines = 1;
	printf("%*s", indent, "");
	while (*text) {
		while (*text == ' ' || (unsigned char)*text < 0x20)
			text++;
		size_t length = 0;
		int chars = 0;
		while (text[length] && text[length] != ' ' &&
		       (unsigned char)text[length] >= 0x20)
			chars += ((unsigned char)text[length++] & 0xC0) != 0x80;
		if (length == 0)
			break;
		if (column > 0 && column + 1 + chars > width - indent) {
			if (++lines > max_lines) {
				fputs(" ...", stdout);
				break;
			}
			printf("\r\n%*s", indent, "");
			column = 0;
		}
		printf("%s%.*s", column ? " " : "", (int)length, text);
		column += chars + (column > 0);
		text += length;
	}
	fputs("\r\n", stdout);
}

static void draw_guess(const annotate_session *s, size_t row)
{
	if (!s->model) {
		fputs("Model: none (no -m)\r\n", stdout);
		return;
	}
	if (s->blind) {
		fputs("Model: hidden (--blind)\r\n", stdout);
		return;
	}
	themes_prediction p;
	themes_suggestion rank;
	const char *text = s->pool.texts[row];
	if (themes_classify(s->classifier, text, strlen(text), &p) != THEMES_OK)
		return;
	themes_suggest_margin(&p, themes_model_labels(s->model), &rank);
	const themes_codebook *labels = themes_model_codebook(s->model);
	if (rank.first < 0) {
		fputs("Model: no known word in this clause\r\n", stdout);
		return;
	}
	printf("Model: \033[1m%s\033[0m %.2f", themes_codebook_label(labels,
	       rank.first), p.scores[rank.first]);
	if (rank.second >= 0)
		printf(", runner-up %s %.2f", themes_codebook_label(labels,
		       rank.second), p.scores[rank.second]);
	fputs("\r\n", stdout);
}

static void draw_codebook(const annotate_session *s, int width)
{
	fputs("\r\nCodebook:\r\n", stdout);
	for (int k = 0; k < themes_codebook_count(s->codebook); k++) {
		char mark = k == s->primary ? '*' :
		            (s->secondary >> k & 1u) ? '+' : ' ';
		printf(" %c[%d] %-18s ", mark, (k + 1) % 10,
		       themes_codebook_label(s->codebook, k));
		wrap(themes_codebook_description(s->codebook, k), width - 25, 0, 1);
	}
}

static void draw(const annotate_session *s)
{
	int width = columns();
	size_t row = s->queue[s->position];
	const pool *p = &s->pool;
	printf("\033[H\033[2J\033[1mthemes annotate\033[0m  %s  coder %s  "
	       "%zu labelled, %zu to go\r\n\r\n", p->source, s->coder, s->labelled,
	       s->queue_count - s->position);
	if (*p->sections[row])
		printf("Section: %s\r\n", p->sections[row]);
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
	draw_guess(s, row);
	draw_codebook(s, width);
	printf("\r\nPrimary: %s  Secondary:", s->primary >= 0 ?
	       themes_codebook_label(s->codebook, s->primary) : "(none)");
	for (int k = 0; k < themes_codebook_count(s->codebook); k++)
		if (s->secondary >> k & 1u)
			printf(" %s", themes_codebook_label(s->codebook, k));
	printf("  Note: %s\r\n\r\nKeys: 1-9 primary  +N secondary  Enter save  "
	       "s skip  u undo  n note  eN examples  q quit\r\n%s\r\n",
	       s->note, s->message);
	fflush(stdout);
}

/* The label a digit key chooses (1-9, then 0 for the tenth), or -1. */
static int label_of_key(const annotate_session *s, int key)
{
	int k = key == '0' ? 9 : key >= '1' && key <= '9' ? key - '1' : -1;
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
			snprintf(s->message, sizeof s->message, "%c needs a label "
			         "digit", key);
		else if (key == '+')
			toggle_secondary(s, target);
		else
			show_examples(s, target);
	} else if (key == '\r' || key == '\n') {
		if (s->primary < 0)
			snprintf(s->message, sizeof s->message, "choose a primary "
			         "label first (1-9)");
		else if (annotate_save(s) != EXIT_OK)
			return 1 + EXIT_DATA;
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
		result = handle_key(s, read_key());
	}
	leave_raw();
	printf("themes: %zu clauses labelled in %s\n", s->labelled,
	       s->output_path);
	return result > 1 ? result - 1 : EXIT_OK;
}
