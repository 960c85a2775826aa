// SPDX-License-Identifier: BSL-1.0
// techconv-requires: MPI::MPI_CXX
//
// Opt-in aggregate of the MPI layer: every distributed algorithm of techconv
// with the records or rows partitioned across MPI ranks, bit-identical to the
// single-process result. One header per module under parallel/mpi/:
// transport.hpp (bytes and ordered merges), weighting.hpp (statistics,
// weights, scores, top k, ranks, key core), closeness.hpp (collaboration
// counts and panels), records.hpp (family merging, group profiles),
// cograph.hpp (co-occurrence), keycore.hpp (reading a file's shares, the
// [KCT] key-core analysis over shares, gathering and scattering rows, ordered MPI-IO
// output), numeric_table.hpp (a numeric CSV table read in shares), patentsview_bulk.hpp (a
// PatentsView bulk table set joined by shares of g_patent), patstat.hpp (a PATSTAT extract read
// by shares), table_weights.hpp
// (analysis::weigh_table over shares). Plain MPI C API; link MPI::MPI_CXX (CMake
// FindMPI). Nothing else in techconv includes these headers.
#ifndef TECHCONV_PARALLEL_MPI_HPP_
#define TECHCONV_PARALLEL_MPI_HPP_

#include "techconv/parallel/mpi/closeness.hpp"
#include "techconv/parallel/mpi/cograph.hpp"
#include "techconv/parallel/mpi/keycore.hpp"
#include "techconv/parallel/mpi/numeric_table.hpp"
#include "techconv/parallel/mpi/patentsview_bulk.hpp"
#include "techconv/parallel/mpi/patstat.hpp"
#include "techconv/parallel/mpi/records.hpp"
#include "techconv/parallel/mpi/table_weights.hpp"
#include "techconv/parallel/mpi/transport.hpp"
#include "techconv/parallel/mpi/weighting.hpp"

#endif  // TECHCONV_PARALLEL_MPI_HPP_
