// Internal to backends/local/cuda: the per-.cu launchers behind kernels.h, called after validate().
#pragma once

#include "backends/local/cuda/kernels.h"

namespace ys::cuda::detail {

Status launch_rms_norm(const RmsNormParams& p, Stream stream);
Status launch_rope(const RopeParams& p, Stream stream);
Status launch_swiglu(const SwigluParams& p, Stream stream);
Status launch_add(const AddParams& p, Stream stream);
Status launch_convert_f16(const QuantizeParams& p, Stream stream);
Status launch_quantize_q8_0(const QuantizeParams& p, Stream stream);
Status launch_matvec_f32(const MatvecParams& p, Stream stream);
Status launch_matvec_f16(const MatvecParams& p, Stream stream);
Status launch_matvec_q8_0(const MatvecParams& p, Stream stream);

}  // namespace ys::cuda::detail
