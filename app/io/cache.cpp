#include "io/cache.h"
