// The expat C API for the DigitalPost module's hardened MeMo parser (libexpat1-dev).
#include <expat.h>
