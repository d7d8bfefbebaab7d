// Accounts, sign-in and sessions over a real SQLite store and a fixed clock.
#include "newsroom/newsroom.h"

#include <gtest/gtest.h>

#include <sqlite3.h>

#include <filesystem>

using namespace portico;
using namespace portico::newsroom;

namespace {
class NewsroomTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("portico-newsroom-" + std::to_string(::getpid()) + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    store_ = std::move(*open_sqlite_store({.path = (dir_ / "t.db").string(), .readers = 2}));
    site_ = *store_->create_site({.host = "a.vn", .name = "Xã A", .is_default = true});
    newsroom_ = std::make_unique<Newsroom>(*store_, clock_);
  }
  void TearDown() override {
    newsroom_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::vector<std::string> actions() {
    std::vector<std::string> out;
    auto entries = store_->audit(site_, 100, 0);
    EXPECT_TRUE(entries.is_ok()) << entries.status().message();
    if (entries.is_ok())
      for (auto& e : *entries) out.push_back(e.action);
    return out;
  }
  // How many articles readers see now (-1 when they cannot be read).
  std::int64_t published_total() {
    auto l = store_->published({.site_id = site_, .now = clock_.now()});
    EXPECT_TRUE(l.is_ok()) << l.status().message();
    return l.is_ok() ? l->total : -1;
  }
  std::filesystem::path dir_;
  FixedClock clock_{1'800'000'000};
  std::unique_ptr<Store> store_;
  std::unique_ptr<Newsroom> newsroom_;
  Id site_ = 0;
};
using Outcome = SignInResult::Outcome;
}  // namespace

TEST_F(NewsroomTest, AddUserValidatesAndGeneratesAPassword) {
  auto pw = newsroom_->add_user(site_, "bientap", Role::editor, std::nullopt, "cli");
  ASSERT_TRUE(pw.is_ok());
  EXPECT_EQ(pw->size(), 20u);
  EXPECT_EQ(newsroom_->add_user(site_, "bientap", Role::editor, std::nullopt, "cli").status().code(), Code::conflict);
  EXPECT_EQ(newsroom_->add_user(site_, "Bad Name", Role::editor, std::nullopt, "cli").status().code(), Code::invalid);
  EXPECT_EQ(newsroom_->add_user(site_, "ngan", Role::editor, std::string("short"), "cli").status().code(), Code::invalid);
  auto u = store_->user_by_name(site_, "bientap");
  ASSERT_TRUE(u.is_ok());
  EXPECT_EQ(u->role, "editor");
  EXPECT_NE(u->password_hash, *pw);  // only the hash is stored
  EXPECT_EQ(actions(), std::vector<std::string>{"user_add"});
}

TEST_F(NewsroomTest, SignInCreatesASessionThatAuthenticatesUntilItExpires) {
  ASSERT_TRUE(newsroom_->add_user(site_, "duyet", Role::approver, std::string("mat-khau-du-dai"), "cli").is_ok());
  auto bad = newsroom_->sign_in(site_, "duyet", "sai-mat-khau", "127.0.0.1");
  EXPECT_EQ(bad.outcome, Outcome::bad_credentials);
  auto unknown = newsroom_->sign_in(site_, "khong-co", "mat-khau-du-dai", "127.0.0.1");
  EXPECT_EQ(unknown.outcome, Outcome::bad_credentials);
  auto ok = newsroom_->sign_in(site_, "duyet", "mat-khau-du-dai", "127.0.0.1");
  ASSERT_EQ(ok.outcome, Outcome::ok);
  auto who = newsroom_->authenticate(site_, ok.token);
  ASSERT_TRUE(who.is_ok());
  EXPECT_EQ(who->role, Role::approver);
  EXPECT_FALSE(newsroom_->authenticate(site_, ok.token + "x").is_ok());
  EXPECT_FALSE(newsroom_->authenticate(site_ + 1, ok.token).is_ok());
  clock_.set(clock_.now() + kSessionSeconds);
  EXPECT_FALSE(newsroom_->authenticate(site_, ok.token).is_ok());
  EXPECT_EQ(actions(), (std::vector<std::string>{"sign_in", "sign_in_failed", "sign_in_failed", "user_add"}));
}

TEST_F(NewsroomTest, SignInIsThrottledPerAccount) {
  ASSERT_TRUE(newsroom_->add_user(site_, "bientap", Role::editor, std::string("mat-khau-du-dai"), "cli").is_ok());
  for (int i = 0; i < kAccountFailures; ++i)
    EXPECT_EQ(newsroom_->sign_in(site_, "bientap", "sai", "10.0.0." + std::to_string(i)).outcome, Outcome::bad_credentials);
  auto locked = newsroom_->sign_in(site_, "bientap", "mat-khau-du-dai", "10.0.0.99");
  EXPECT_EQ(locked.outcome, Outcome::throttled);  // even with the right password
  EXPECT_EQ(locked.retry_after, kThrottleWindow);
  clock_.set(clock_.now() + kThrottleWindow);
  EXPECT_EQ(newsroom_->sign_in(site_, "bientap", "mat-khau-du-dai", "10.0.0.99").outcome, Outcome::ok);
}

TEST_F(NewsroomTest, SignInIsThrottledPerAddressAcrossAccounts) {
  for (int i = 0; i < kAddressFailures; ++i)
    newsroom_->sign_in(site_, "nguoi" + std::to_string(i), "sai", "192.0.2.1");
  EXPECT_EQ(newsroom_->sign_in(site_, "nguoi-khac", "sai", "192.0.2.1").outcome, Outcome::throttled);
  EXPECT_EQ(newsroom_->sign_in(site_, "nguoi-khac", "sai", "192.0.2.2").outcome, Outcome::bad_credentials);
}

TEST_F(NewsroomTest, DisablingOrChangingThePasswordEndsSessions) {
  ASSERT_TRUE(newsroom_->add_user(site_, "bientap", Role::editor, std::string("mat-khau-du-dai"), "cli").is_ok());
  auto first = newsroom_->sign_in(site_, "bientap", "mat-khau-du-dai", "127.0.0.1");
  auto pw = newsroom_->set_password(site_, "bientap", std::nullopt, "cli");
  ASSERT_TRUE(pw.is_ok());
  EXPECT_FALSE(newsroom_->authenticate(site_, first.token).is_ok());
  EXPECT_EQ(newsroom_->sign_in(site_, "bientap", "mat-khau-du-dai", "127.0.0.1").outcome, Outcome::bad_credentials);
  auto second = newsroom_->sign_in(site_, "bientap", *pw, "127.0.0.1");
  ASSERT_EQ(second.outcome, Outcome::ok);
  ASSERT_TRUE(newsroom_->disable_user(site_, "bientap", "cli").is_ok());
  EXPECT_FALSE(newsroom_->authenticate(site_, second.token).is_ok());
  EXPECT_EQ(newsroom_->sign_in(site_, "bientap", *pw, "127.0.0.1").outcome, Outcome::bad_credentials);
}

TEST_F(NewsroomTest, AuditLogIsAppendOnly) {
  newsroom_->record(site_, 0, "cli", "user_add", "x", "");
  auto e = store_->audit(site_, 10, 0);
  ASSERT_TRUE(e.is_ok()) << e.status().message();
  ASSERT_EQ(e->size(), 1u);
  EXPECT_EQ((*e)[0].at, clock_.now());
  // The Store has no way to change it, and the database itself refuses to.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "t.db").c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit_log SET actor = 'khac'", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "DELETE FROM audit_log", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  e = store_->audit(site_, 10, 0);
  ASSERT_TRUE(e.is_ok()) << e.status().message();
  EXPECT_EQ(e->at(0).actor, "cli");
}

namespace {
class WorkflowTest : public NewsroomTest {
 protected:
  void SetUp() override {
    NewsroomTest::SetUp();
    cat_ = *store_->create_category({0, site_, 0, "Tin tức", "", 1, ""});
    ASSERT_TRUE(newsroom_->add_user(site_, "bientap", Role::editor, std::string("mat-khau-bien-tap"), "cli"));
    ASSERT_TRUE(newsroom_->add_user(site_, "bientap2", Role::editor, std::string("mat-khau-bien-tap"), "cli"));
    ASSERT_TRUE(newsroom_->add_user(site_, "duyet", Role::approver, std::string("mat-khau-duyet-bai"), "cli"));
    editor_ = who("bientap", "mat-khau-bien-tap");
    editor2_ = who("bientap2", "mat-khau-bien-tap");
    approver_ = who("duyet", "mat-khau-duyet-bai");
    newsroom_->on_public_change([this](Id) { ++changes_; });
  }
  SignedIn who(const char* name, const char* pw) {
    auto r = newsroom_->sign_in(site_, name, pw, "127.0.0.1");
    return *newsroom_->authenticate(site_, r.token);
  }
  ArticleDraft draft(std::string title, std::string body = "<p>Nội dung</p>") {
    ArticleDraft d;
    d.category_id = cat_;
    d.title = std::move(title);
    d.body_html = std::move(body);
    return d;
  }
  Id cat_ = 0;
  SignedIn editor_, editor2_, approver_;
  int changes_ = 0;
};
}  // namespace

TEST_F(WorkflowTest, DraftSubmitPublishWithRolesChecked) {
  auto a = newsroom_->save(editor_, draft("Bài mới", "<p onclick=x()>Chào<script>alert(1)</script></p>"), "ip");
  ASSERT_TRUE(a.is_ok()) << a.status().message();
  EXPECT_EQ(a->status, ArticleStatus::draft);
  EXPECT_EQ(a->body_html, "<p>Chào</p>");
  EXPECT_EQ(a->version, 1);
  EXPECT_EQ(newsroom_->publish(editor_, a->id, a->version, 0, "ip").status().code(), Code::forbidden);
  EXPECT_EQ(newsroom_->submit(editor2_, a->id, a->version, "ip").status().code(), Code::forbidden);
  auto sub = newsroom_->submit(editor_, a->id, a->version, "ip");
  ASSERT_TRUE(sub.is_ok());
  EXPECT_EQ(sub->status, ArticleStatus::pending);
  // the editor can no longer change a submitted article
  auto d = draft("Sửa");
  d.id = a->id;
  d.version = sub->version;
  EXPECT_EQ(newsroom_->save(editor_, d, "ip").status().code(), Code::forbidden);
  EXPECT_EQ(changes_, 0);
  auto pub = newsroom_->publish(approver_, a->id, sub->version, 0, "ip");
  ASSERT_TRUE(pub.is_ok());
  EXPECT_EQ(pub->status, ArticleStatus::published);
  EXPECT_EQ(pub->published_at, clock_.now());
  EXPECT_EQ(changes_, 1);
  EXPECT_EQ(published_total(), 1);
}

TEST_F(WorkflowTest, ConcurrentEditsConflictInsteadOfLosingOne) {
  auto a = *newsroom_->save(editor_, draft("Bản đầu"), "ip");
  auto mine = draft("Bản của biên tập viên");
  mine.id = a.id;
  mine.version = a.version;
  auto theirs = draft("Bản của người duyệt");
  theirs.id = a.id;
  theirs.version = a.version;
  ASSERT_TRUE(newsroom_->save(approver_, theirs, "ip").is_ok());
  auto lost = newsroom_->save(editor_, mine, "ip");
  EXPECT_EQ(lost.status().code(), Code::conflict);
  EXPECT_EQ(store_->article(site_, a.id)->title, "Bản của người duyệt");
  EXPECT_EQ(newsroom_->submit(editor_, a.id, a.version, "ip").status().code(), Code::conflict);
}

TEST_F(WorkflowTest, ReturnNeedsACommentAndTakeDownAReason) {
  auto a = *newsroom_->save(editor_, draft("Bài"), "ip");
  auto sub = *newsroom_->submit(editor_, a.id, a.version, "ip");
  EXPECT_EQ(newsroom_->send_back(approver_, a.id, sub.version, "", "ip").status().code(), Code::invalid);
  EXPECT_EQ(newsroom_->send_back(editor_, a.id, sub.version, "x", "ip").status().code(), Code::forbidden);
  auto back = newsroom_->send_back(approver_, a.id, sub.version, "Cần thêm số liệu", "ip");
  ASSERT_TRUE(back.is_ok());
  EXPECT_EQ(back->status, ArticleStatus::draft);
  EXPECT_EQ(back->workflow_note, "Cần thêm số liệu");
  auto pub = *newsroom_->publish(approver_, a.id, back->version, 0, "ip");
  EXPECT_EQ(newsroom_->take_down(approver_, a.id, pub.version, "", "ip").status().code(), Code::invalid);
  auto down = newsroom_->take_down(approver_, a.id, pub.version, "Thông tin chưa chính xác", "ip");
  ASSERT_TRUE(down.is_ok());
  EXPECT_EQ(down->status, ArticleStatus::taken_down);
  EXPECT_EQ(changes_, 2);
  EXPECT_EQ(newsroom_->publish(approver_, a.id, down->version, 0, "ip").status().code(), Code::invalid);
}

TEST_F(WorkflowTest, FormsAndTheApiNameTheSameStepsOfOneDispatch) {
  using K = WorkflowStep::Kind;
  EXPECT_EQ(workflow_step_named("gui-duyet", false), K::submit);
  EXPECT_EQ(workflow_step_named("submit", true), K::submit);
  EXPECT_EQ(workflow_step_named("tra-lai", false), K::send_back);
  EXPECT_EQ(workflow_step_named("return", true), K::send_back);
  EXPECT_EQ(workflow_step_named("go-bai", false), K::take_down);
  EXPECT_EQ(workflow_step_named("take-down", true), K::take_down);
  EXPECT_EQ(workflow_step_named("khoi-phuc", false), K::restore);
  EXPECT_FALSE(workflow_step_named("submit", false));
  EXPECT_FALSE(workflow_step_named("gui-duyet", true));
  EXPECT_FALSE(workflow_step_named("", true));
  EXPECT_FALSE(workflow_step_named("", false));

  auto a = *newsroom_->save(editor_, draft("Qua một cửa"), "ip");
  auto sub = newsroom_->advance(editor_, a.id, {K::submit, a.version}, "ip");
  ASSERT_TRUE(sub.is_ok());
  EXPECT_EQ(sub->status, ArticleStatus::pending);
  WorkflowStep back{K::send_back, sub->version};
  back.reason = "Thiếu nguồn";
  auto returned = newsroom_->advance(approver_, a.id, back, "ip");
  ASSERT_TRUE(returned.is_ok());
  EXPECT_EQ(returned->workflow_note, "Thiếu nguồn");
  auto pub = newsroom_->advance(approver_, a.id, {K::publish, returned->version}, "ip");
  ASSERT_TRUE(pub.is_ok());
  EXPECT_EQ(pub->status, ArticleStatus::published);
  EXPECT_EQ(newsroom_->advance(approver_, a.id, {K::take_down, pub->version}, "ip").status().code(), Code::invalid);
}

TEST_F(WorkflowTest, ScheduledArticlesGoLiveOnTimeThroughTheScheduler) {
  auto a = *newsroom_->save(editor_, draft("Hẹn giờ"), "ip");
  std::int64_t at = clock_.now() + 120;
  auto pub = newsroom_->publish(approver_, a.id, a.version, at, "ip");
  ASSERT_TRUE(pub.is_ok());
  EXPECT_EQ(pub->published_at, at);
  int after_publish = changes_;
  EXPECT_EQ(published_total(), 0);
  clock_.set(at - 1);
  newsroom_->tick();
  EXPECT_EQ(changes_, after_publish);
  clock_.set(at + 1);
  newsroom_->tick();
  EXPECT_EQ(changes_, after_publish + 1);
  EXPECT_EQ(published_total(), 1);
  newsroom_->tick();
  EXPECT_EQ(changes_, after_publish + 1);  // announced once
}

TEST_F(WorkflowTest, EverySaveIsARevisionThatCanBeRestored) {
  auto a = *newsroom_->save(editor_, draft("Một", "<p>A</p>"), "ip");
  auto d = draft("Hai", "<p>B</p>");
  d.id = a.id;
  d.version = a.version;
  auto b = *newsroom_->save(editor_, d, "ip");
  auto revs = newsroom_->revisions(editor_, a.id);
  ASSERT_TRUE(revs.is_ok()) << revs.status().message();
  ASSERT_EQ(revs->size(), 2u);
  EXPECT_EQ((*revs)[0].version, 2);
  EXPECT_EQ((*revs)[1].title, "Một");
  EXPECT_EQ((*revs)[0].saved_by_name, "bientap");
  auto r = newsroom_->restore(editor_, a.id, b.version, 1, "ip");
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->title, "Một");
  EXPECT_EQ(r->body_html, "<p>A</p>");
  revs = newsroom_->revisions(editor_, a.id);
  ASSERT_TRUE(revs.is_ok()) << revs.status().message();
  EXPECT_EQ(revs->size(), 3u);
  EXPECT_EQ(newsroom_->restore(editor_, a.id, r->version, 99, "ip").status().code(), Code::not_found);
}

TEST_F(WorkflowTest, EditorsEditOnlyTheirOwnDrafts) {
  auto a = *newsroom_->save(editor_, draft("Của tôi"), "ip");
  auto d = draft("Của người khác");
  d.id = a.id;
  d.version = a.version;
  EXPECT_EQ(newsroom_->save(editor2_, d, "ip").status().code(), Code::forbidden);
  d.category_id = 987654;
  EXPECT_EQ(newsroom_->save(editor_, d, "ip").status().code(), Code::invalid);
  EXPECT_EQ(newsroom_->save(editor_, draft(""), "ip").status().code(), Code::invalid);
  ASSERT_TRUE(newsroom_->add_user(site_, "chixem", Role::reviewer, std::string("mat-khau-chi-xem"), "cli"));
  auto reviewer = who("chixem", "mat-khau-chi-xem");
  EXPECT_EQ(newsroom_->save(reviewer, draft("Không được"), "ip").status().code(), Code::forbidden);
}

TEST_F(WorkflowTest, PreviewLinksAreSignedAndExpire) {
  auto a = *newsroom_->save(editor_, draft("Chưa xuất bản"), "ip");
  auto link = newsroom_->preview_link(editor_, a.id, 3600);
  ASSERT_TRUE(link.is_ok());
  std::string id = std::to_string(a.id);
  auto exp = link->substr(link->find("het-han=") + 8, link->find('&') - link->find("het-han=") - 8);
  auto sig = link->substr(link->find("chu-ky=") + 7);
  EXPECT_TRUE(newsroom_->open_preview(site_, id, exp, sig).is_ok());
  EXPECT_EQ(newsroom_->open_preview(site_, id, exp, std::string(64, '0')).status().code(), Code::forbidden);
  EXPECT_EQ(newsroom_->open_preview(site_, id, std::to_string(std::stoll(exp) + 1), sig).status().code(), Code::forbidden);
  EXPECT_EQ(newsroom_->open_preview(site_ + 1, id, exp, sig).status().code(), Code::forbidden);
  EXPECT_EQ(newsroom_->open_preview(site_, "x", exp, sig).status().code(), Code::forbidden);
  clock_.set(std::stoll(exp));
  EXPECT_EQ(newsroom_->open_preview(site_, id, exp, sig).status().code(), Code::forbidden);
  // a link signed by another installation's key does not open here
  Newsroom other(*store_, clock_);
  clock_.set(1'800'000'000);
  auto foreign = other.preview_link(editor_, a.id, 3600);
  auto fsig = foreign->substr(foreign->find("chu-ky=") + 7);
  auto fexp = foreign->substr(foreign->find("het-han=") + 8, foreign->find('&') - foreign->find("het-han=") - 8);
  EXPECT_EQ(newsroom_->open_preview(site_, id, fexp, fsig).status().code(), Code::forbidden);
}

TEST_F(WorkflowTest, ImagesWithoutAltTextStopSubmissionAndPublication) {
  auto a = *newsroom_->save(editor_, draft("Có ảnh", "<p><img src=\"/media/a.webp\"></p>"), "ip");
  auto blocked = newsroom_->submit(editor_, a.id, a.version, "ip");
  EXPECT_EQ(blocked.status().code(), Code::invalid);
  EXPECT_NE(blocked.status().message().find("Ảnh thứ 1 chưa có mô tả"), std::string::npos);
  EXPECT_EQ(newsroom_->publish(approver_, a.id, a.version, 0, "ip").status().code(), Code::invalid);
  auto d = draft("Có ảnh", "<figure><img src=\"/media/a.webp\" alt=\"Ảnh hội nghị\"><figcaption>Hội nghị</figcaption></figure>");
  d.id = a.id;
  d.version = a.version;
  auto fixed = *newsroom_->save(editor_, d, "ip");
  EXPECT_TRUE(newsroom_->submit(editor_, a.id, fixed.version, "ip").is_ok());
}
