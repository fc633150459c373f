// @brief The pages of declarations and their review, in French: the
// partnership record form, the contributor's list of contributions (and its
// section of the /espace home page), the validators' queue and the review
// of one submission. Pure functions from structs to markup; every dynamic
// string through html_escape.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "server/record_form.h"
#include "store/submissions.h"

namespace coopdec::pages {

// One choice of a <select>: value, label.
using Option = std::pair<std::string, std::string>;

// The declaration form and what surrounds it.
struct RecordFormView {
    declaration::RecordForm form;
    declaration::FieldErrors errors;    // shown next to their fields
    std::vector<std::string> messages;  // about the whole record (the publisher's check), shown on top
    std::vector<Option> places;         // collectivities offered (key, label)
    std::string csrf;                   // the session's token
    int64_t submission = 0;             // the draft's id, 0 for a new one
    std::string base;                   // the published file's SHA-256 it starts from ("" new)
    std::string notice;                 // « Brouillon enregistré. » (plain text), "" none
    std::string rejection;              // the validator's comment on a rejected submission
    bool existing = false;              // modifies a published record (doc id fixed)
};
std::string record_form_page(const RecordFormView& view);

// The contributor's contributions as an HTML section (<section
// class="contributions">): each with its state, what to do next, a
// rejected one's comment and « Modifier et soumettre à nouveau ». The
// /espace home page includes it as it is.
std::string contributions_section(const std::vector<store::Submission>& list);
// The whole /espace/contributions page. `reviewer`: add the link to the
// queue; `notice` (plain text): said on top, "" for none.
std::string contributions_page(const std::vector<store::Submission>& list, bool reviewer,
                               const std::string& notice = {});

// /revue: the submitted contributions, oldest first.
std::string review_queue_page(const std::vector<store::Submission>& queue, const std::string& notice);

// /revue/ID: one submission and the forms to accept or reject it.
struct ReviewView {
    store::Submission submission;
    bool new_record = false;                        // no published version
    std::vector<declaration::FieldChange> changes;  // records: field by field
    std::string record_error;                       // a record that could not be read back
    bool stale = false;                             // the published file changed since the draft
    std::string rendered;                           // documents: the rendering (HTML made by coopdec)
    std::string render_error;                       // documents: why there is no rendering
    std::vector<std::string> messages;              // a refused publication's check messages
    declaration::FieldErrors errors;                // « commentaire » required
    std::string comment;                            // what was typed in the rejection form
    std::string csrf;
};
std::string review_page(const ReviewView& view);

}  // namespace coopdec::pages
