// @brief Who is asking, and what each role may do: the account roles, the
// signed-in person as every handler sees it, and the authorization rules —
// in one place, so that every page and every form applies the same ones to
// every object (SECURITY.md, V4).
//
// Readers need no account: what is published is public. An account has one
// role:
// - contributeur: answers for one or more communes of the gazetteer
//   (corpus/repertoire, their ids: "kloto-1"); drafts and submits their
//   partnership records and documents, sees what became of them;
// - validateur (the ministry, the Faîtière des communes): reviews every
//   submission, accepts or rejects it with a comment, edits anything,
//   restores an earlier version;
// - administrateur: accounts and roles, and the journal. An administrator
//   reviews nothing: least privilege.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coopdec::store {

enum class Role { contributeur, validateur, administrateur };

// "contributeur", "validateur", "administrateur": how a role is stored and
// typed (coopdec-admin, forms).
std::string_view role_name(Role role);
// The stored or typed name back; nullopt for anything else.
std::optional<Role> role_from_name(std::string_view name);
// For people: « Contributeur », « Validateur », « Administrateur ».
std::string_view role_label(Role role);

// The person signed in, as the session resolved it for this request.
struct Principal {
    int64_t account_id = 0;
    std::string login;
    std::string name;  // as shown in the header
    Role role = Role::contributeur;
    std::vector<std::string> communes;  // gazetteer ids (contributeur only)
    std::string csrf_token;             // this session's: every form carries it
};

// A contributeur bound to `commune`, or a validateur: may draft, edit and
// submit for it, and read its drafts and submissions.
bool may_work_for(const Principal& who, std::string_view commune);
// The same for an object that concerns several communes (a record of an
// intercommunal partnership): bound to at least one of them, or a validateur.
bool may_work_for_any(const Principal& who, const std::vector<std::string>& communes);
// Review, accept, reject, edit anything, restore a version: validateur only.
bool may_review(const Principal& who);
// Accounts, roles, set-up links, the journal: administrateur only.
bool may_administer(const Principal& who);

}  // namespace coopdec::store
