// Newsroom pages of news across sites (newsroom/sharing.h): on an article's page, sharing it
// down to sub-portals and proposing it up; "Tin từ cơ sở", where the site above takes or
// declines what its sub-portals propose.
#include "newsroom/admin_forms.h"
#include "newsroom/admin_pages.h"
#include "newsroom/sharing.h"
#include "render/vn_time.h"

#include <algorithm>

namespace portico::newsroom {

namespace {

const char* proposal_label(ProposalState s) {
  switch (s) {
    case ProposalState::pending: return "Đang chờ xem xét";
    case ProposalState::taken: return "Đã được nhận đăng";
    case ProposalState::declined: return "Bị từ chối";
  }
  return "";
}

}  // namespace

Data AdminPages::sharing_panels(const content::SiteContent& s, const SignedIn& who, const Article& a) {
  Data out;
  if (!who.may(Action::publish_article)) return out;
  // Down: the sub-portals it is shown on.
  auto below = sharing_->sub_portals(s.site.id);
  if (!below.empty()) {
    auto chosen = need(sharing_->shares(s.site.id, a.id));
    Data d;
    put(d, "self_url", article_url(a.id));
    put(d, "csrf", who.session.csrf);
    put(d, "published", a.status == ArticleStatus::published);
    put(d, "heading", "Tin từ " + s.site.name);
    List sites;
    for (const auto& x : below) {
      Data y;
      put(y, "id", std::to_string(x->site.id));
      put(y, "name", x->site.name);
      put(y, "checked", std::find(chosen.begin(), chosen.end(), x->site.id) != chosen.end());
      sites.push_back(std::move(y));
    }
    put(d, "count", std::to_string(chosen.size()));
    d.set("sites", std::move(sites));
    out.set("share", std::move(d));
  }
  // Up: to the portal above, once published; with what became of earlier proposals.
  if (s.site.parent_id) {
    Data d;
    auto parent = sharing_->site(s.site.parent_id);
    put(d, "parent", parent ? parent->site.portal_title + " " + parent->site.name : std::string("cổng cấp trên"));
    put(d, "self_url", article_url(a.id));
    put(d, "csrf", who.session.csrf);
    auto earlier = need(sharing_->proposals_of(s.site.id, a.id));
    bool pending = std::any_of(earlier.begin(), earlier.end(), [](const Proposal& p) { return p.state == ProposalState::pending; });
    put(d, "can_propose", a.status == ArticleStatus::published && !pending);
    put(d, "unpublished", a.status != ArticleStatus::published);
    List rows;
    for (const auto& p : earlier) {
      Data y;
      put(y, "state", proposal_label(p.state));
      put(y, "date", render::format_datetime(p.decided_at ? p.decided_at : p.proposed_at));
      put(y, "reason", p.reason);
      rows.push_back(std::move(y));
    }
    d.set("proposals", std::move(rows));
    out.set("propose", std::move(d));
  }
  return out;
}

std::optional<Response> AdminPages::article_form_post(const http::Request& r, const content::SiteContent& s,
                                                     const SignedIn& who, std::string_view id_text, Article& a,
                                                     http::Fields& form) {
  auto id = parse_id(id_text);
  auto found = id ? newsroom_.article(who, *id) : Result<Article>(Status::error(Code::not_found, ""));
  if (!found) return error(404, s, &who);
  a = std::move(*found);
  return check_form(r, s, who, form);
}

Response AdminPages::article_share(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                   std::string_view id_text) {
  Article a;
  http::Fields form;
  if (auto refused = article_form_post(r, s, who, id_text, a, form)) return std::move(*refused);
  std::vector<Id> targets;
  bool all = form_value(form, "tat-ca") == "1";
  if (all)
    for (const auto& x : sharing_->sub_portals(s.site.id)) targets.push_back(x->site.id);
  else
    for (const auto& [k, v] : form)
      if (k == "cong") {
        auto t = parse_id(v);
        if (!t) return error(400, s, &who, "Cổng thành phần không hợp lệ.");
        targets.push_back(*t);
      }
  auto st = sharing_->share(actor(who, r), s.site.id, a.id, targets);
  if (!st) return article_form(422, s, who, &a, draft_of(a), sentence(st.message()), "");
  return Response::redirect(article_url(a.id) + "?da-luu=1#chia-se");
}

Response AdminPages::article_propose(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                     std::string_view id_text) {
  Article a;
  http::Fields form;
  if (auto refused = article_form_post(r, s, who, id_text, a, form)) return std::move(*refused);
  auto p = sharing_->propose(actor(who, r), s, a.id, form_value(form, "loi-nhan"));
  if (!p) {
    int status = p.status().code() == Code::conflict ? 409 : 422;
    return article_form(status, s, who, &a, draft_of(a), sentence(p.status().message()), "");
  }
  return Response::redirect(article_url(a.id) + "?da-luu=1#de-xuat");
}

Response AdminPages::proposals_page(int status, const content::SiteContent& s, const SignedIn& who,
                                    const std::string& error_text, bool saved) {
  Data v = form_page(who, error_text, saved);
  List cats;
  for (const auto& [c, depth] : content::category_tree(s.categories, true)) {
    if (!c->link.empty()) continue;
    Data x;
    put(x, "id", std::to_string(c->id));
    put(x, "name", content::option_label(c->name, depth));
    cats.push_back(std::move(x));
  }
  List pending, decided;
  for (const auto& p : need(sharing_->inbox(s.site.id))) {
    auto from = sharing_->site(p.from_site_id);
    Data x;
    put(x, "id", std::to_string(p.id));
    put(x, "title", p.title);
    put(x, "from", from ? from->site.name : std::string());
    put(x, "original_url", from ? from->origin + content::PublicPages::article_path(p.slug) : std::string());
    put(x, "date", render::format_datetime(p.proposed_at));
    put(x, "date_iso", render::format_iso(p.proposed_at));
    put(x, "note", p.note);
    put(x, "csrf", who.session.csrf);
    if (p.state == ProposalState::pending) {
      x.set("categories", Data(cats));
      pending.push_back(std::move(x));
    } else {
      put(x, "state", proposal_label(p.state));
      put(x, "decided", render::format_datetime(p.decided_at));
      put(x, "reason", p.reason);
      if (p.copy_id) put(x, "copy_url", article_url(p.copy_id));
      decided.push_back(std::move(x));
    }
  }
  put(v, "none_pending", pending.empty());
  put(v, "has_decided", !decided.empty());
  v.set("pending", std::move(pending));
  v.set("decided", std::move(decided));
  return page(status, "Tin từ cơ sở", "admin_proposals", std::move(v), s, &who, "proposals");
}

Response AdminPages::proposals(const http::Request& r, const content::SiteContent& s, const SignedIn& who) {
  return proposals_page(200, s, who, "", r.param("da-luu").has_value());
}

Response AdminPages::proposal_post(const http::Request& r, const content::SiteContent& s, const SignedIn& who,
                                   std::string_view id_text, std::string_view action) {
  auto id = parse_id(id_text);
  if (!id || !sharing_->proposal(s.site.id, *id)) return error(404, s, &who);
  if (action != "nhan" && action != "tu-choi") return error(404, s, &who);
  http::Fields form;
  if (auto refused = check_form(r, s, who, form)) return std::move(*refused);
  Status st = Status::ok();
  std::string done = "?da-luu=1";
  if (action == "nhan") {
    auto copy = sharing_->take(actor(who, r), s.site.id, *id,
                               content::parse_positive(form_value(form, "chuyen-muc"), 1'000'000'000'000).value_or(0));
    if (copy) return Response::redirect(article_url(*copy) + "?da-luu=1");
    st = copy.status();
  } else {
    st = sharing_->decline(actor(who, r), s.site.id, *id, form_value(form, "ly-do"));
  }
  if (!st) return proposals_page(st.code() == Code::conflict ? 409 : 422, s, who, sentence(st.message()), false);
  return Response::redirect("/quan-tri/tin-tu-co-so" + done);
}

}  // namespace portico::newsroom
