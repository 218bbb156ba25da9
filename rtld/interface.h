#ifndef INTERFACE_H
#define INTERFACE_H

#include "tls_place.h"

/* Fill __rtld_interface once every object is loaded and laid out. */
int interface_fill(const struct tls_static *tls);

#endif
