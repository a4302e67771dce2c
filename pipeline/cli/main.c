/*
 * main.c - the themes program: dispatches to one subcommand per task.
 */
#include "cli.h"

#include <errno.h>
#include <string.h>

static void print_help(FILE *out)
{
	fprintf(out,
"Usage: themes COMMAND [OPTION]... [FILE]...\n"
"Classify clauses of diplomatic statements into six analytical themes:\n"
"endure, history, counter_hegemony, china_lead, multipolar, legitimacy.\n"
"\n"
"Commands:\n"
"  train     train a model from a labelled CSV\n"
"  classify  classify clauses (CSV or one clause per line), or whole\n"
"            statements (--statement), with a model\n"
"  eval      score a model on labelled data, or cross-validate\n"
"  segment   split whole statements into clauses (sentences, bullets)\n"
"  inspect   list the terms that weigh most towards each label of a model\n"
"  agree     agreement between coders (kappa, Krippendorff's alpha)\n"
"  suggest   the clauses of a pool to label next (active learning)\n"
"  annotate  label clauses one at a time in the terminal\n"
"  compare   compare the theme shares of statements over time, and what\n"
"            each says that the previous one did not\n"
"\n"
"Options:\n"
"  -h, --help     show this help and exit\n"
"  -V, --version  show the version and exit\n"
"\n"
"Run 'themes COMMAND --help' for the options of a command.\n"
"Exit status: 0 success, 1 bad data or runtime error, 2 usage error.\n");
}

static int run(int argc, char **argv)
{
	if (argc < 2) {
		print_help(stderr);
		return EXIT_USAGE;
	}
	const char *command = argv[1];
	if (strcmp(command, "-h") == 0 || strcmp(command, "--help") == 0) {
		print_help(stdout);
		return EXIT_OK;
	}
	if (strcmp(command, "-V") == 0 || strcmp(command, "--version") == 0) {
		printf("themes %s\n", THEMES_VERSION);
		return EXIT_OK;
	}
	if (strcmp(command, "train") == 0)
		return main_train(argc - 1, argv + 1);
	if (strcmp(command, "classify") == 0)
		return main_classify(argc - 1, argv + 1);
	if (strcmp(command, "eval") == 0)
		return main_eval(argc - 1, argv + 1);
	if (strcmp(command, "segment") == 0)
		return main_segment(argc - 1, argv + 1);
	if (strcmp(command, "inspect") == 0)
		return main_inspect(argc - 1, argv + 1);
	if (strcmp(command, "agree") == 0)
		return main_agree(argc - 1, argv + 1);
	if (strcmp(command, "suggest") == 0)
		return main_suggest(argc - 1, argv + 1);
	if (strcmp(command, "annotate") == 0)
		return main_annotate(argc - 1, argv + 1);
	if (strcmp(command, "compare") == 0)
		return main_compare(argc - 1, argv + 1);
	report_error("unknown command \"%s\" (commands: train, classify, eval, "
	             "segment, inspect, compare, agree, suggest, annotate)",
	             command);
	fprintf(stderr, "Try 'themes --help' for more information.\n");
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	int status = run(argc, argv);
	/* Output buffered on stdout (help, tables, rows) is only known to be
	 * written once flushed: a full disk must not pass for success. */
	if ((fflush(stdout) != 0 || ferror(stdout)) && status == EXIT_OK) {
		/* (A command that failed has already said why.) */
		report_error("<stdout>: write error: %s", strerror(errno ? errno : EIO));
		status = EXIT_DATA;
	}
	return status;
}
