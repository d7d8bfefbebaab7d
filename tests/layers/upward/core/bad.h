// A fixture for the layers test: core may not include app.
#pragma once
#include "app/portal.h"
