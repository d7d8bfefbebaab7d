// The public side of Q&A (Hỏi đáp – Góp ý): the published questions and answers, the form,
// the tracking-code page, and /api/v1/questions. Nothing here reads the sender's name,
// contact or attachment.
#pragma once
#include <string>
#include <string_view>

#include "content/pages.h"
#include "gov/public_forms.h"
#include "gov/questions.h"
#include "http/message.h"

namespace portico::gov {

class QuestionPages {
 public:
  static constexpr const char* kPath = "/hoi-dap";

  QuestionPages(Questions& questions, PublicForms& forms, content::PublicPages& pages)
      : questions_(questions), forms_(forms), pages_(pages) {}

  // /hoi-dap: the form, the tracking page and the list vary per visit; published ones are
  // cached. And /api/v1/questions.
  void add_routes(content::Routes& routes);

  // /hoi-dap?q=…&linh-vuc=…&trang=N
  http::Response list(const content::PageContext& c);
  http::Response one(const content::PageContext& c, std::string_view id);
  // GET and POST /hoi-dap/gui (multipart: ho-ten, lien-he, linh-vuc, tieu-de, noi-dung, tep;
  // the guard fields thoi-diem and website).
  http::Response form(const content::PageContext& c);
  http::Response submit(const content::PageContext& c);
  // /hoi-dap/tra-cuu?ma=HD-XXXX-XXXX
  http::Response status(const content::PageContext& c);

  http::Response api_list(const http::Request& r, const content::SiteContent& s);
  http::Response api_get(const content::SiteContent& s, std::string_view id);
  http::Response api_submit(const http::Request& r, const content::SiteContent& s);

  // For the site search: up to three matching published questions and the count; false when none.
  render::Data search_section(const content::PageContext& c, const std::string& words);

  static std::string path(Id id) { return std::string(kPath) + "/" + std::to_string(id); }

 private:
  http::Response form_page(const content::PageContext& c, int status, const QuestionInput& in, const std::string& error);

  Questions& questions_;
  PublicForms& forms_;
  content::PublicPages& pages_;
};

}  // namespace portico::gov
