#ifndef LETTERS_CPANGOCAIRO_SHIM_H
#define LETTERS_CPANGOCAIRO_SHIM_H

// Pango lays out text (shaping, bidi, line breaking, font fallback); cairo writes the PDF.
#include <pango/pangocairo.h>
#include <cairo.h>
#include <cairo-pdf.h>

#endif
