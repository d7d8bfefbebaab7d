// Q&A and citizen feedback (Hỏi đáp – Góp ý): the public form's rules (anti-spam without
// third parties: a hidden field, a signed minimum fill time, a per-address budget), the
// sender's tracking code, and the moderation a handler does: assign to a unit, answer,
// publish (without personal data) or reject with a reason.
//
// The sender's name, contact and attachment are personal data (Decree 13/2023): they are
// kept in the database and <data>/private only, and nothing public reads them.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/rate_limit.h"
#include "store/store.h"

namespace portico::gov {

// What the sender and the public read: "Đã tiếp nhận", "Đang xử lý", …
const char* status_label(QuestionStatus s);

struct QuestionInput {
  std::string name, contact, topic, title, body;
  std::string_view attachment;  // bytes, may be empty
  std::string attachment_name;
  std::string address;          // the sender's, for the budget only (never stored)
};

// The public form's anti-spam fields, as posted.
struct FormGuard {
  std::string token;     // the signed time the form was drawn
  std::string honeypot;  // a field people never see or fill
};

class Questions {
 public:
  static constexpr int kPageSize = 20;
  static constexpr std::int64_t kMinFillSeconds = 3;
  static const std::vector<std::string>& topics();

  Questions(Store& store, const Clock& clock, std::string private_dir, std::string signing_key, int per_address_per_hour)
      : store_(store), clock_(clock), private_dir_(std::move(private_dir)), key_(std::move(signing_key)),
        budget_(clock, per_address_per_hour, 3600) {}

  void on_change(std::function<void(Id site_id)> f) { on_change_ = std::move(f); }
  std::int64_t now() const { return clock_.now(); }

  // The hidden field of a freshly drawn form: its time, signed.
  std::string form_token() const;
  // Checks the form's guard (invalid: a forged or instant form; the message says so) and
  // then submits (the caller has admitted the address).
  Result<std::string> submit_form(Id site_id, const QuestionInput& in, const FormGuard& guard);
  // Counts a submission against the address's budget: 0, or the seconds to wait (the
  // submission is then refused with 429). Forms and the API call it before submitting.
  std::int64_t admit(const std::string& address) { return budget_.take("q:" + address); }
  // Validates and stores a question; returns its tracking code ("HD-7K3Q-9XWM").
  // invalid for bad fields; unsupported for an attachment that is not a document or an image.
  Result<std::string> submit(Id site_id, const QuestionInput& in);
  Result<Question> by_code(Id site_id, std::string_view code);

  // Published questions, newest first; invalid when the words make no search.
  Result<QuestionList> published(Id site_id, const std::string& words, const std::string& topic, std::int64_t page);
  Result<Question> published_one(Id site_id, Id id);
  std::vector<Facet> published_topics(Id site_id) { return store_.question_topics(site_id); }

  // Moderation. Each returns the question as it is now; invalid when the step is not
  // allowed (publishing without an answer, rejecting without a reason).
  QuestionList queue(Id site_id, std::optional<QuestionStatus> status, std::int64_t page);
  Result<Question> get(Id site_id, Id id) { return store_.question(site_id, id); }
  Result<Question> assign(Id site_id, Id id, std::string department);
  Result<Question> answer(Id site_id, Id id, std::string department, std::string answer);
  Result<Question> publish(Id site_id, Id id);
  Result<Question> unpublish(Id site_id, Id id);
  Result<Question> reject(Id site_id, Id id, std::string reason);
  std::string attachment_path(const Question& q) const;

 private:
  Result<Question> update(Id site_id, Id id, const std::function<Status(Question&)>& change);
  void changed(Id site_id) {
    if (on_change_) on_change_(site_id);
  }

  Store& store_;
  const Clock& clock_;
  std::string private_dir_;
  std::string key_;
  RateLimit budget_;
  std::function<void(Id)> on_change_;
};

}  // namespace portico::gov
