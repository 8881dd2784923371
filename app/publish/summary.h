// The one-screen summary `wallboard-publish check` prints for a valid snapshot.
#pragma once

#include "core/model.h"

#include <string>

namespace wb::publish
{

// What a performance officer checks before publishing: the plan, the figures, the ratings,
// what is overdue as of `today`, each dashboard's size, and whether the content hash matches.
std::string SummariseSnapshot(const Snapshot& snapshot, Date today);

} // namespace wb::publish
