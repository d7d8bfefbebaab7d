// A fixture for the layers test: a folder that no layer names.
#pragma once
