// The newsroom's route table: every page under /quan-tri, the preview links, and the
// workflow over JSON. Apart from signing in, each /quan-tri route declares the guard
// "session" and is reached only with a live one; everyone else is sent to the sign-in form.
// A POST under that guard also carries the session's CSRF token, and a route may name the
// permission it needs (`can(Role, Action)`): both are checked here, once, and no handler
// checks them. The JSON routes carry the guard "api token".
#include "content/routes.h"
#include "core/secrets.h"
#include "http/forms.h"
#include "newsroom/admin_forms.h"
#include "newsroom/admin_pages.h"
#include "newsroom/newsroom_api.h"

#include <optional>

namespace portico::newsroom {

using content::PageContext;
using http::Method;
using http::Params;
using http::Request;
using http::Response;

namespace {
using Site = const content::SiteContent&;
using Who = const SignedIn&;
}  // namespace

void AdminPages::add_routes(content::Routes& routes, content::PublicPages& pages) {
  // The guard, once for every route that declares it: a live session; for a POST, its CSRF
  // token (a body that is no form is refused as such before the token is looked for); and
  // the permission the route names, if any (403 otherwise).
  using Handler = std::function<Response(const Request&, Site, Who, const Params&)>;
  auto signed_in = [this](Handler h, std::optional<Action> needed) {
    return [this, h = std::move(h), needed](const PageContext& c, const Params& p) {
      auto who = newsroom_.authenticate(c.site->site.id, c.request.cookie(kSessionCookie));
      if (!who) return Response::redirect("/quan-tri/dang-nhap");
      if (c.request.method == Method::post) {
        auto token = http::posted_field(c.request, "csrf");
        if (!token) return error(400, *c.site, &*who, "Dữ liệu biểu mẫu không đúng định dạng.");
        if (!same_secret(*token, who->session.csrf)) return error(403, *c.site, &*who, kStaleForm);
      }
      if (needed && !who->may(*needed)) return error(403, *c.site, &*who);
      return h(c.request, *c.site, *who, p);
    };
  };
  auto guard = [](std::optional<Action> needed) {
    return needed ? std::string("session may:") + action_name(*needed) : std::string("session");
  };
  auto add = [&](Method m, std::string pattern, Handler h, std::optional<Action> needed = std::nullopt) {
    routes.page(m, std::move(pattern), signed_in(std::move(h), needed), content::Cost::plain, guard(needed));
  };
  // Uploads: the only routes whose body may pass body_limit (see Portal::body_limit()).
  auto upload = [&](std::string pattern, Handler h, std::optional<Action> needed = std::nullopt) {
    routes.upload(std::move(pattern), signed_in(std::move(h), needed), guard(needed));
  };
  // The many handlers that take no path parameter.
  auto simple = [this](Response (AdminPages::*h)(const Request&, Site, Who)) {
    return [this, h](const Request& r, Site s, Who w, const Params&) { return (this->*h)(r, s, w); };
  };
  // Handlers of a record by its {id}; the same handler serves the route without one (a new record).
  auto with_id = [this](Response (AdminPages::*h)(const Request&, Site, Who, std::string_view)) {
    return [this, h](const Request& r, Site s, Who w, const Params& p) { return (this->*h)(r, s, w, p["id"]); };
  };
  // Handlers of two path parameters, by name; "" where the route has fewer.
  using TwoParams = Response (AdminPages::*)(const Request&, Site, Who, std::string_view, std::string_view);
  auto with_params = [this](TwoParams h, const char* first, const char* second) {
    return [this, h, first, second](const Request& r, Site s, Who w, const Params& p) {
      return (this->*h)(r, s, w, p[first], p[second]);
    };
  };

  routes.page(Method::get, "/quan-tri/dang-nhap", [this](const PageContext& c, const Params&) { return login_form(c.request, *c.site); });
  routes.page(Method::post, "/quan-tri/dang-nhap", [this](const PageContext& c, const Params&) { return login(c.request, *c.site); });
  add(Method::get, "/quan-tri", simple(&AdminPages::dashboard));
  add(Method::post, "/quan-tri/dang-xuat", simple(&AdminPages::logout));
  add(Method::get, "/quan-tri/nhat-ky", simple(&AdminPages::audit), Action::view_audit);
  // Articles.
  add(Method::get, "/quan-tri/bai-viet", simple(&AdminPages::articles));
  add(Method::get, "/quan-tri/bai-viet/moi", simple(&AdminPages::new_article), Action::write_article);
  add(Method::post, "/quan-tri/bai-viet/moi", simple(&AdminPages::create_article));
  add(Method::get, "/quan-tri/bai-viet/{id}", with_id(&AdminPages::edit_article));
  add(Method::post, "/quan-tri/bai-viet/{id}", with_id(&AdminPages::save_article));
  add(Method::get, "/quan-tri/bai-viet/{id}/phien-ban", with_id(&AdminPages::revisions));
  add(Method::post, "/quan-tri/bai-viet/{id}/chia-se", with_id(&AdminPages::article_share), Action::publish_article);
  add(Method::post, "/quan-tri/bai-viet/{id}/de-xuat", with_id(&AdminPages::article_propose), Action::publish_article);
  add(Method::post, "/quan-tri/bai-viet/{id}/{action}", with_params(&AdminPages::article_action, "id", "action"));
  // News the sub-portals propose ("Tin từ cơ sở").
  add(Method::get, "/quan-tri/tin-tu-co-so", simple(&AdminPages::proposals), Action::publish_article);
  add(Method::post, "/quan-tri/tin-tu-co-so/{id}/{action}", with_params(&AdminPages::proposal_post, "id", "action"),
      Action::publish_article);
  // Royalties.
  add(Method::get, "/quan-tri/nhuan-but",
      [this](const Request& r, Site s, Who w, const Params&) { return royalties(r, s, w, false); }, Action::view_royalties);
  add(Method::get, "/quan-tri/nhuan-but.csv",
      [this](const Request& r, Site s, Who w, const Params&) { return royalties(r, s, w, true); }, Action::view_royalties);
  add(Method::post, "/quan-tri/nhuan-but/he-so", simple(&AdminPages::royalty_rates), Action::manage_royalties);
  // Media.
  add(Method::get, "/quan-tri/tep", simple(&AdminPages::media));
  upload("/quan-tri/tep", simple(&AdminPages::upload));
  // Categories and the menu.
  add(Method::get, "/quan-tri/chuyen-muc", simple(&AdminPages::categories), Action::manage_categories);
  add(Method::post, "/quan-tri/chuyen-muc", with_params(&AdminPages::category_post, "id", "action"), Action::manage_categories);
  add(Method::post, "/quan-tri/chuyen-muc/{id}", with_params(&AdminPages::category_post, "id", "action"), Action::manage_categories);
  add(Method::post, "/quan-tri/chuyen-muc/{id}/{action}", with_params(&AdminPages::category_post, "id", "action"), Action::manage_categories);
  // The sidebar, its polls and videos, and visit statistics.
  add(Method::get, "/quan-tri/thong-ke", simple(&AdminPages::visit_stats));
  add(Method::get, "/quan-tri/tien-ich", simple(&AdminPages::widget_settings), Action::manage_widgets);
  add(Method::post, "/quan-tri/tien-ich/thu-tu", simple(&AdminPages::widget_order_post), Action::manage_widgets);
  add(Method::post, "/quan-tri/tien-ich/lien-ket", with_id(&AdminPages::link_post), Action::manage_widgets);
  add(Method::post, "/quan-tri/tien-ich/lien-ket/{id}", with_id(&AdminPages::link_post), Action::manage_widgets);
  add(Method::post, "/quan-tri/tien-ich/dia-diem", with_id(&AdminPages::place_post), Action::manage_widgets);
  add(Method::post, "/quan-tri/tien-ich/dia-diem/{id}", with_id(&AdminPages::place_post), Action::manage_widgets);
  add(Method::get, "/quan-tri/binh-chon", simple(&AdminPages::polls), Action::manage_widgets);
  add(Method::post, "/quan-tri/binh-chon", with_id(&AdminPages::poll_post), Action::manage_widgets);
  add(Method::post, "/quan-tri/binh-chon/{id}", with_id(&AdminPages::poll_post), Action::manage_widgets);
  add(Method::get, "/quan-tri/video", simple(&AdminPages::videos), Action::manage_widgets);
  upload("/quan-tri/tep/video", simple(&AdminPages::video_upload), Action::manage_widgets);
  add(Method::post, "/quan-tri/video/{id}", with_id(&AdminPages::video_delete), Action::manage_widgets);
  // Legal documents.
  add(Method::get, "/quan-tri/van-ban", simple(&AdminPages::documents), Action::manage_documents);
  add(Method::get, "/quan-tri/van-ban/mau.csv", simple(&AdminPages::document_template), Action::manage_documents);
  add(Method::get, "/quan-tri/van-ban/{id}", with_id(&AdminPages::document_form), Action::manage_documents);
  upload("/quan-tri/tep/van-ban", with_id(&AdminPages::document_post), Action::manage_documents);
  upload("/quan-tri/tep/van-ban/{id}", with_id(&AdminPages::document_post), Action::manage_documents);
  upload("/quan-tri/tep/nhap-van-ban", simple(&AdminPages::document_import), Action::manage_documents);
  // Datasets.
  add(Method::get, "/quan-tri/so-lieu", simple(&AdminPages::datasets), Action::manage_documents);
  add(Method::get, "/quan-tri/so-lieu/{id}", with_id(&AdminPages::dataset_form), Action::manage_documents);
  upload("/quan-tri/tep/so-lieu", with_id(&AdminPages::dataset_post), Action::manage_documents);
  upload("/quan-tri/tep/so-lieu/{id}", with_id(&AdminPages::dataset_post), Action::manage_documents);
  // The organisation's pages.
  add(Method::get, "/quan-tri/cong-thanh-phan", simple(&AdminPages::sub_portals), Action::manage_sites);
  add(Method::post, "/quan-tri/cong-thanh-phan", with_id(&AdminPages::sub_portal_post), Action::manage_sites);
  add(Method::post, "/quan-tri/cong-thanh-phan/{id}", with_id(&AdminPages::sub_portal_post), Action::manage_sites);
  add(Method::get, "/quan-tri/giao-dien", simple(&AdminPages::appearance), Action::manage_widgets);
  add(Method::post, "/quan-tri/giao-dien", simple(&AdminPages::appearance_post), Action::manage_widgets);
  add(Method::get, "/quan-tri/van-hanh", simple(&AdminPages::operations), Action::manage_widgets);
  add(Method::post, "/quan-tri/van-hanh", simple(&AdminPages::operations_post), Action::manage_widgets);
  add(Method::get, "/quan-tri/gioi-thieu", simple(&AdminPages::organisation), Action::manage_categories);
  add(Method::post, "/quan-tri/gioi-thieu/{what}", with_params(&AdminPages::organisation_post, "what", "id"), Action::manage_categories);
  add(Method::post, "/quan-tri/gioi-thieu/{what}/{id}", with_params(&AdminPages::organisation_post, "what", "id"), Action::manage_categories);
  // Drafts for comment and the work schedule.
  add(Method::get, "/quan-tri/lay-y-kien", simple(&AdminPages::drafts), Action::manage_documents);
  add(Method::get, "/quan-tri/lay-y-kien/{id}", with_id(&AdminPages::draft_form), Action::manage_documents);
  add(Method::post, "/quan-tri/lay-y-kien", with_id(&AdminPages::draft_post), Action::manage_documents);
  add(Method::post, "/quan-tri/lay-y-kien/{id}", with_id(&AdminPages::draft_post), Action::manage_documents);
  add(Method::get, "/quan-tri/lich-cong-tac", simple(&AdminPages::schedule), Action::manage_documents);
  add(Method::post, "/quan-tri/lich-cong-tac", with_id(&AdminPages::schedule_post), Action::manage_documents);
  add(Method::post, "/quan-tri/lich-cong-tac/{id}", with_id(&AdminPages::schedule_post), Action::manage_documents);
  // Questions and answers.
  add(Method::get, "/quan-tri/hoi-dap", simple(&AdminPages::questions), Action::handle_questions);
  add(Method::get, "/quan-tri/hoi-dap/{id}", with_id(&AdminPages::question), Action::handle_questions);
  add(Method::get, "/quan-tri/hoi-dap/{id}/tep", with_id(&AdminPages::question_file), Action::handle_questions);
  add(Method::post, "/quan-tri/hoi-dap/{id}/{action}", with_params(&AdminPages::question_action, "id", "action"), Action::handle_questions);
  // A signed preview link: the article in any state, for whoever holds the link until it expires.
  routes.page(Method::get, "/xem-truoc/{id}", [this, &pages](const PageContext& c, const Params& p) {
    auto a = newsroom_.open_preview(c.site->site.id, p["id"], c.request.param("het-han").value_or(""),
                                    c.request.param("chu-ky").value_or(""));
    if (a) return pages.preview(c, *a);
    return pages.error(c, a.status().code() == Code::forbidden ? 403 : 404);
  });
}

void NewsroomApi::add_routes(content::Routes& routes) {
  // The guard "api token", once for every route: a bearer token of an account of this site.
  auto add = [&](Method m, std::string pattern, std::function<Response(const PageContext&, Who, const Params&)> h) {
    routes.page(
        m, std::move(pattern),
        [this, h = std::move(h)](const PageContext& c, const Params& p) {
          auto who = caller(c.request, c.site->site.id);
          return who ? h(c, *who, p) : unauthorized();
        },
        content::Cost::plain, "api token");
  };
  add(Method::get, "/api/v1/newsroom/articles", [this](const PageContext& c, Who w, const Params&) { return list(c, w); });
  add(Method::post, "/api/v1/newsroom/articles", [this](const PageContext& c, Who w, const Params&) { return create(c, w); });
  add(Method::get, "/api/v1/newsroom/articles/{id}", [this](const PageContext& c, Who w, const Params& p) { return get(c, w, p["id"]); });
  add(Method::put, "/api/v1/newsroom/articles/{id}", [this](const PageContext& c, Who w, const Params& p) { return update(c, w, p["id"]); });
  add(Method::post, "/api/v1/newsroom/articles/{id}/{action}",
      [this](const PageContext& c, Who w, const Params& p) { return act(c, w, p["id"], p["action"]); });
}

}  // namespace portico::newsroom
