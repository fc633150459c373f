// @brief The uploads' pages, in French, without JavaScript: the form
// (/espace/depot) with one's recent jobs, and a job's page (/espace/travaux/ID):
// its progress while it runs, what was recognised when it is done. Pure
// functions; every dynamic string escaped.
#pragma once

#include <string>
#include <vector>

#include "server/http.h"
#include "server/job_queue.h"
#include "server/upload_choices.h"

namespace coopdec::pages {

struct UploadFormView {
    std::string csrf;       // the session's token
    UploadChoices choices;  // the communes and records offered
    http::Params typed;     // what was typed, shown again
    std::string message;    // a refusal, "" for none
    std::vector<Job> jobs;  // recent jobs (without XML)
    uint64_t max_file_mib = 50;
};
std::string upload_form_page(const UploadFormView& view);

struct JobView {
    Job job;
    std::string commune_name;  // the gazetteer's name of job.commune, "" → the id
    std::string csrf;
    long elapsed = 0;  // seconds since it started (running)
    // Parsed from the job's report and its XML: the units recognised
    // (« Article 1 — Objet »), the repairs and words to check, one line each.
    std::vector<std::string> structure, units, repairs, doubts;
    bool can_submit = false;  // done, not yet submitted, a submission store
    std::string notice;       // « Document soumis… », "" for none
    // The correction form: the records offered for the job's commune, what
    // was sent (empty → the job's metadata) and why it was refused.
    std::vector<CommuneRecords> records;
    http::Params typed;
    std::string message;
};
std::string job_page(const JobView& view);

}  // namespace coopdec::pages
