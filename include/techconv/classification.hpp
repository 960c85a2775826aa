// SPDX-License-Identifier: BSL-1.0
//
// Aggregate header of the classification module: IPC/CPC codes, dense code
// dictionaries, concordance tables, title lookup and the branch-term
// classifier.
#ifndef TECHCONV_CLASSIFICATION_HPP_
#define TECHCONV_CLASSIFICATION_HPP_

#include "techconv/classification/concordance.hpp"
#include "techconv/classification/country.hpp"
#include "techconv/classification/dictionary.hpp"
#include "techconv/classification/ipc.hpp"
#include "techconv/classification/loaders.hpp"
#include "techconv/classification/terms.hpp"
#include "techconv/classification/titles.hpp"

#endif  // TECHCONV_CLASSIFICATION_HPP_
