/* The yardstick for `trellis build`: a plain C program that runs cmark over every .md file
 * below a folder and writes one HTML file each, single-threaded, as Trellis's issue states it.
 * usage: cmark-baseline VAULT OUTPUT */
#define _XOPEN_SOURCE 700
#include <cmark.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *vault, *output;
static size_t vault_length;
static long files;

static void make_parents(char *path) {
  for (char *p = path + 1; *p; p++) {
    if (*p == '/') { *p = 0; mkdir(path, 0755); *p = '/'; }
  }
}

static int visit(const char *path, const struct stat *info, int type, struct FTW *ftw) {
  (void)info; (void)ftw;
  size_t length = strlen(path);
  if (type != FTW_F || length < 3 || strcmp(path + length - 3, ".md") != 0) return 0;
  FILE *in = fopen(path, "rb");
  if (!in) return 0;
  cmark_node *document = cmark_parse_file(in, CMARK_OPT_DEFAULT);
  fclose(in);
  char *html = cmark_render_html(document, CMARK_OPT_DEFAULT);
  char target[4096];
  snprintf(target, sizeof target, "%s%.*s.html", output, (int)(length - vault_length - 3), path + vault_length);
  make_parents(target);
  FILE *out = fopen(target, "wb");
  if (out) { fputs(html, out); fclose(out); }
  free(html);
  cmark_node_free(document);
  files++;
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: %s VAULT OUTPUT\n", argv[0]); return 2; }
  vault = argv[1]; output = argv[2]; vault_length = strlen(vault);
  mkdir(output, 0755);
  nftw(vault, visit, 64, FTW_PHYS);
  fprintf(stderr, "%ld files\n", files);
  return 0;
}
