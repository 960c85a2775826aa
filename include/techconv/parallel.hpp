// SPDX-License-Identifier: BSL-1.0
//
// techconv::parallel: versioned serial forms and exact mergeable partial
// states for distributed runs, and the transport-free steps of the
// distributed algorithms (weighting, collaboration counts, co-occurrence,
// family merging, group profiles).
// The MPI layer is opt-in and NOT included here: include
// "techconv/parallel/mpi.hpp" and link MPI::MPI_CXX.
#ifndef TECHCONV_PARALLEL_HPP_
#define TECHCONV_PARALLEL_HPP_

#include "techconv/parallel/collaboration.hpp"
#include "techconv/parallel/cooccurrence.hpp"
#include "techconv/parallel/families.hpp"
#include "techconv/parallel/mergeable.hpp"
#include "techconv/parallel/profile.hpp"
#include "techconv/parallel/serialize.hpp"
#include "techconv/parallel/weighting.hpp"

#endif  // TECHCONV_PARALLEL_HPP_
