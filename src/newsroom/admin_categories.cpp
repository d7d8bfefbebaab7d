// The newsroom's categories page: the tree, adding, editing, hiding and moving.
#include "newsroom/admin_pages.h"

#include <algorithm>

#include "content/views.h"
#include "newsroom/admin_forms.h"
#include "text/unicode.h"

namespace portico::newsroom {

Response AdminPages::categories_page(int status, const content::SiteContent& s, const SignedIn& who,
                                    const std::string& err, bool saved) {
  auto cats = need(newsroom_.categories(s.site.id));
  auto ordered = content::category_tree(cats, true);
  Data v = form_page(who, err, saved);
  List rows, all;
  for (const auto& [c, depth] : ordered) {
    Data x;
    put(x, "id", std::to_string(c->id));
    put(x, "name", c->name);
    put(x, "url", content::PublicPages::category_url(*c));
    put(x, "link", c->link);
    put(x, "hidden", c->hidden);
    put(x, "depth", std::to_string(std::min(depth, 3)));
    put(x, "csrf", who.session.csrf);
    List parents;
    for (const auto& [p, pd] : ordered) {
      if (p->id == c->id) continue;
      Data y;
      put(y, "id", std::to_string(p->id));
      put(y, "name", content::option_label(p->name, pd));
      put(y, "selected", p->id == c->parent_id);
      parents.push_back(y);
    }
    x.set("parents", Data(parents));
    rows.push_back(x);
    Data z;
    put(z, "id", std::to_string(c->id));
    put(z, "name", content::option_label(c->name, depth));
    all.push_back(z);
  }
  v.set("rows", Data(rows));
  v.set("all", Data(all));
  return page(status, "Chuyên mục", "admin_categories", std::move(v), s, &who, "categories");
}

Response AdminPages::categories(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  return categories_page(200, s, who, "", r.param("da-luu").has_value());
}

Response AdminPages::category_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who, std::string_view id_text,
                                   std::string_view action) {
  http::Fields form;
  if (auto refused = check_form(r, s, who, form)) return std::move(*refused);
  Id parent = parse_id(form_value(form, "cha")).value_or(0);
  Status st;
  Newsroom::CategoryInput in{form_value(form, "ten"), parent, form_value(form, "an") == "1",
                             std::string(text::trim(form_value(form, "lien-ket")))};
  if (id_text.empty()) {
    auto id = newsroom_.add_category(who, std::move(in), r.remote);
    st = id.status();
  } else {
    auto id = parse_id(id_text);
    if (!id) return error(404, s, &who);
    if (action.empty()) st = newsroom_.update_category(who, *id, std::move(in), r.remote);
    else if (action == "len") st = newsroom_.move_category(who, *id, -1, r.remote);
    else if (action == "xuong") st = newsroom_.move_category(who, *id, +1, r.remote);
    else return error(404, s, &who);
  }
  if (!st) {
    if (st.code() == Code::not_found) return error(404, s, &who);
    if (st.code() == Code::forbidden) return error(403, s, &who);
    std::string msg = sentence(st.message());
    return categories_page(422, s, who, msg, false);
  }
  return Response::redirect("/quan-tri/chuyen-muc?da-luu=1");
}

}  // namespace portico::newsroom
