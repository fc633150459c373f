// @brief The line diff of the history page (server/line_diff.h).
#include <catch2/catch.hpp>

#include <random>

#include "server/line_diff.h"

namespace coopdec {
namespace {

// One character per line: ' ' same, '-' removed, '+' added, then the text.
std::string show(const std::vector<DiffLine>& d) {
    std::string out;
    for (const auto& l : d)
        out += std::string(l.kind == DiffLine::Kind::same      ? " "
                           : l.kind == DiffLine::Kind::removed ? "-"
                                                               : "+") +
               l.text + "|";
    return out;
}

}  // namespace

TEST_CASE("line diff: shortest edit scripts", "[diff]") {
    CHECK(split_lines("a\nb\n") == std::vector<std::string>{"a", "b"});
    CHECK(split_lines("a\nb") == std::vector<std::string>{"a", "b"});
    CHECK(split_lines("").empty());
    CHECK(split_lines("\n\n") == std::vector<std::string>{"", ""});
    CHECK(show(diff_lines("", "")) == "");
    CHECK(show(diff_lines("a\nb\n", "a\nb\n")) == " a| b|");
    CHECK(show(diff_lines("", "a\nb\n")) == "+a|+b|");
    CHECK(show(diff_lines("a\nb\n", "")) == "-a|-b|");
    CHECK(show(diff_lines("a\nb\nc\n", "a\nx\nc\n")) == " a|-b|+x| c|");
    CHECK(show(diff_lines("a\nb\nc\nd\n", "a\nc\nd\ne\n")) == " a|-b| c| d|+e|");
    // The classic example (Myers 1986): D = 5.
    std::vector<DiffLine> d = diff_lines("A\nB\nC\nA\nB\nB\nA\n", "C\nB\nA\nB\nA\nC\n");
    int edits = 0;
    std::string before, after;
    for (const auto& l : d) {
        if (l.kind != DiffLine::Kind::same) ++edits;
        if (l.kind != DiffLine::Kind::added) before += l.text;
        if (l.kind != DiffLine::Kind::removed) after += l.text;
    }
    CHECK(edits == 5);
    CHECK(before == "ABCABBA");
    CHECK(after == "CBABAC");
    // Removed lines come before added ones in a run of changes.
    CHECK(show(diff_lines("x\n1\n2\ny\n", "x\n3\n4\ny\n")) == " x|-1|-2|+3|+4| y|");
}

TEST_CASE("line diff: past its bound, the middle is replaced whole", "[diff]") {
    CHECK(show(diff_lines("h\na\nb\nc\nt\n", "h\nx\ny\nz\nt\n", 2)) == " h|-a|-b|-c|+x|+y|+z| t|");
    // A long file with one changed line costs one edit, whatever the bound.
    std::string a, b;
    for (int i = 0; i < 20000; ++i) {
        a += "ligne " + std::to_string(i) + "\n";
        b += (i == 10000 ? std::string("changée") : "ligne " + std::to_string(i)) + "\n";
    }
    std::vector<DiffLine> d = diff_lines(a, b, 1);
    CHECK(d.size() == 20001);
    CHECK(d[10000].kind == DiffLine::Kind::removed);
    CHECK(d[10001].text == "changée");
}

TEST_CASE("line diff: as short as the longest common subsequence allows, on random files", "[diff]") {
    std::mt19937 rng(20261207);
    for (int round = 0; round < 300; ++round) {
        std::uniform_int_distribution<int> length(0, 12), letter(0, 3);
        std::string a, b;
        std::vector<std::string> la, lb;
        for (int i = length(rng); i > 0; --i) la.emplace_back(1, static_cast<char>('a' + letter(rng)));
        for (int i = length(rng); i > 0; --i) lb.emplace_back(1, static_cast<char>('a' + letter(rng)));
        for (const auto& l : la) a += l + "\n";
        for (const auto& l : lb) b += l + "\n";
        // The LCS by dynamic programming: the fewest edits are N + M - 2·LCS.
        std::vector<std::vector<std::size_t>> lcs(la.size() + 1, std::vector<std::size_t>(lb.size() + 1, 0));
        for (std::size_t i = 1; i <= la.size(); ++i)
            for (std::size_t j = 1; j <= lb.size(); ++j)
                lcs[i][j] = la[i - 1] == lb[j - 1] ? lcs[i - 1][j - 1] + 1 : std::max(lcs[i - 1][j], lcs[i][j - 1]);
        std::vector<DiffLine> d = diff_lines(a, b);
        std::size_t edits = 0;
        std::vector<std::string> before, after;
        for (const auto& l : d) {
            if (l.kind != DiffLine::Kind::same) ++edits;
            if (l.kind != DiffLine::Kind::added) before.push_back(l.text);
            if (l.kind != DiffLine::Kind::removed) after.push_back(l.text);
        }
        INFO(a << "→\n" << b);
        CHECK(before == la);
        CHECK(after == lb);
        CHECK(edits == la.size() + lb.size() - 2 * lcs[la.size()][lb.size()]);
    }
}

}  // namespace coopdec
