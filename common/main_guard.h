// @brief The last boundary of every program: main()'s body, with whatever
// escapes it said in French and a non-zero exit status.
#pragma once

#include <cstdio>
#include <exception>

#include <xapian.h>

namespace coopdec {

// The exit status of a program that ended on an unexpected exception: the
// same as an index that could not be opened or written (2).
constexpr int kExitInternalError = 2;

// Returns body(); when it throws, says « PROGRAM : erreur interne : … » on
// `err` (stderr) and returns kExitInternalError. Xapian::Error is caught on its own:
// it is not a std::exception.
template <class Body>
int guarded_main(const char* program, Body&& body, std::FILE* err = stderr) noexcept {
    try {
        return body();
    } catch (const Xapian::Error& e) {
        std::fprintf(err, "%s : erreur interne de l'index (Xapian) : %s\n", program, e.get_description().c_str());
    } catch (const std::exception& e) {
        std::fprintf(err, "%s : erreur interne : %s\n", program, e.what());
    } catch (...) {
        std::fprintf(err, "%s : erreur interne : exception inconnue\n", program);
    }
    return kExitInternalError;
}

}  // namespace coopdec
