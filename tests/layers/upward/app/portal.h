// A fixture for the layers test: app may include core.
#pragma once
#include "core/bad.h"
