// A fixture for the layers test: a listed module.
#pragma once
