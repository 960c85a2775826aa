// SPDX-License-Identifier: BSL-1.0
//
// Umbrella header: the core vocabulary and every module that needs neither
// Boost.Graph nor file I/O. Opt-in headers (techconv/io.hpp,
// techconv/cograph/boost_graph.hpp, techconv/parallel/mpi.hpp) are included
// separately by the users who want them.
#ifndef TECHCONV_TECHCONV_HPP_
#define TECHCONV_TECHCONV_HPP_

#include "techconv/config.hpp"
#include "techconv/error.hpp"
#include "techconv/types.hpp"
#include "techconv/version.hpp"

// classification (without the file loaders of classification/loaders.hpp)
#include "techconv/classification/concordance.hpp"
#include "techconv/classification/dictionary.hpp"
#include "techconv/classification/ipc.hpp"
#include "techconv/classification/terms.hpp"
#include "techconv/classification/titles.hpp"

// co-classification graphs (Boost.Graph only via the opt-in cograph/boost_graph.hpp)
#include "techconv/cograph.hpp"

// collaboration closeness
#include "techconv/closeness.hpp"

// convergence and diversity
#include "techconv/convergence.hpp"

// group profiles (analysis layer; needs no file I/O)
#include "techconv/analysis/profile.hpp"

// mergeable partial states and their serial forms (MPI only via the opt-in parallel/mpi.hpp)
#include "techconv/parallel.hpp"

// weighting, scores and key-core selection
#include "techconv/weighting.hpp"

#endif  // TECHCONV_TECHCONV_HPP_
