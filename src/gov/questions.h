// Q&A and citizen feedback (Hỏi đáp – Góp ý): the rules of a question (its form is guarded
// by gov::PublicForms), the sender's tracking code, and the moderation a handler does:
// assign to a unit, answer, publish (without personal data) or reject with a reason.
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
#include "content/change_notifier.h"
#include "media/file_store.h"
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

class Questions : public content::ChangeNotifier {
 public:
  static constexpr int kPageSize = 20;
  static const std::vector<std::string>& topics();

  Questions(Store& store, const Clock& clock, std::string private_dir)
      : store_(store), clock_(clock), files_(std::move(private_dir)) {}

  std::int64_t now() const { return clock_.now(); }

  // Validates and stores a question; returns its tracking code ("HD-7K3Q-9XWM").
  // invalid for bad fields; unsupported for an attachment that is not a document or an image.
  Result<std::string> submit(Id site_id, const QuestionInput& in);
  Result<Question> by_code(Id site_id, std::string_view code);

  // Published questions, newest first; invalid when the words make no search.
  Result<QuestionList> published(Id site_id, const std::string& words, const std::string& topic, std::int64_t page);
  Result<Question> published_one(Id site_id, Id id);
  Result<std::vector<Facet>> published_topics(Id site_id) { return store_.question_topics(site_id); }

  // Moderation. Each returns the question as it is now; invalid when the step is not
  // allowed (publishing without an answer, rejecting without a reason).
  QuestionList queue(Id site_id, std::optional<QuestionStatus> status, std::int64_t page);
  std::int64_t count(Id site_id, std::optional<QuestionStatus> status);  // without reading the rows
  Result<Question> get(Id site_id, Id id) { return store_.question(site_id, id); }
  // The moderation steps, from the newsroom: `who` goes to the audit log with each that succeeds.
  Result<Question> assign(const Actor& who, Id site_id, Id id, std::string department);
  Result<Question> answer(const Actor& who, Id site_id, Id id, std::string department, std::string answer);
  Result<Question> publish(const Actor& who, Id site_id, Id id);
  Result<Question> unpublish(const Actor& who, Id site_id, Id id);
  Result<Question> reject(const Actor& who, Id site_id, Id id, std::string reason);
  std::string attachment_path(const Question& q) const;

 private:
  Result<Question> update(const Actor& who, std::string_view action, Id site_id, Id id,
                          const std::function<Status(Question&)>& change);

  Store& store_;
  const Clock& clock_;
  media::FileStore files_;  // the private attachments, never under /media
};

}  // namespace portico::gov
