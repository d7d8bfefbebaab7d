// One field of a posted form, wherever the form put it: the guard of the newsroom's CSRF
// token reads it once for every route, before any handler.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"

namespace portico::http {

// The field `name` of a POST: from the address (`?name=`, where the upload forms carry their
// token so the body limit can be decided from the head), else from the body as its
// content type says (application/x-www-form-urlencoded, or none, and multipart/form-data).
// Empty when the form has no such field; nullopt when the body cannot be read as a form
// (another content type, or a malformed body).
std::optional<std::string> posted_field(const Request& r, std::string_view name);

}  // namespace portico::http
