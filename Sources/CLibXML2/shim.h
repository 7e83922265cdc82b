#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
// libxml2: the HTML parser for web pages (tolerant of real sites' markup) and the XML
// parser for a DOCX's word/document.xml.
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU, whose headers clash with the ICU copy inside
// Foundation; nianbao uses no ICU-specific libxml2 API, so leave those declarations out.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/SAX2.h>

// xmlFree is a global function pointer (a macro in some builds): call it through a function.
static inline void CLibXML2_free(void *p) { xmlFree(p); }
#endif
