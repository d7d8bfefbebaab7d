// The names the enums of store.h are stored and sent under: the same for every backend.
#include "store/model.h"

namespace portico {

const char* to_string(ArticleStatus s) {
  switch (s) {
    case ArticleStatus::draft: return "draft";
    case ArticleStatus::pending: return "pending";
    case ArticleStatus::published: return "published";
    case ArticleStatus::taken_down: return "taken_down";
  }
  return "draft";
}

const char* to_string(DocumentState s) {
  switch (s) {
    case DocumentState::pending: return "pending";
    case DocumentState::effective: return "effective";
    case DocumentState::expired: return "expired";
    case DocumentState::replaced: return "replaced";
  }
  return "effective";
}

const char* to_string(QuestionStatus s) {
  switch (s) {
    case QuestionStatus::fresh: return "new";
    case QuestionStatus::assigned: return "assigned";
    case QuestionStatus::answered: return "answered";
    case QuestionStatus::published: return "published";
    case QuestionStatus::rejected: return "rejected";
  }
  return "new";
}

std::optional<QuestionStatus> parse_question_status(std::string_view s) {
  for (QuestionStatus x : {QuestionStatus::fresh, QuestionStatus::assigned, QuestionStatus::answered,
                           QuestionStatus::published, QuestionStatus::rejected})
    if (s == to_string(x)) return x;
  return std::nullopt;
}

std::optional<ArticleStatus> parse_article_status(std::string_view s) {
  for (auto st : {ArticleStatus::draft, ArticleStatus::pending, ArticleStatus::published, ArticleStatus::taken_down})
    if (s == to_string(st)) return st;
  return std::nullopt;
}

}  // namespace portico
