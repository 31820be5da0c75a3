#!/usr/bin/env python3
"""Writes docs/tensor-methods.md: torch.Tensor's most-used methods against dev.jtorch.Tensor's public methods.

Run from the repository root:  python3 src/test/python/tensor_methods_table.py  (standard library only).
"""
import re
src=open('src/main/java/dev/jtorch/Tensor.java').read()
have=set(re.findall(r'^    public (?:static )?[\w<>\[\]., ]+? (\w+)\(', src, re.M))
def camel(n):
    tail='_' if n.endswith('_') and not n.endswith('__') else ''
    base=n[:-1] if tail else n
    parts=base.split('_')
    return parts[0]+''.join(p[:1].upper()+p[1:] for p in parts[1:])+tail
special={'float':'toFloat','bfloat16':'toBfloat16','double':'toDouble','long':'toLong','int':'toInt','bool':'toBool','half':'toHalf',
 'shape':'shape','grad':'grad','requires_grad':'requiresGrad','is_leaf':'isLeaf','grad_fn':'gradFnName','data':'data',
 'ndim':'ndim','is_cuda':'isCuda','dtype':'dtype','device':'device','T':None,'mT':None,
 'tolist':'toDoubleArray','numpy':None,'__getitem__':'index','__setitem__':'indexPut_','item':'item',
 'ndimension':'dim','nelement':'numel','clip_':None,'swapdims':'swapaxes','moveaxis':'movedim','divide':'div','multiply':'mul',
 'subtract':'sub','absolute':'abs','true_divide':'div','fix':'trunc','greater':'gt','less':'lt','not_equal':'ne',
 'greater_equal':'ge','less_equal':'le','arctan2':'atan2','negative':'neg'}
notes={'grad_fn':'the node\'s name only (prints as Python 1.13)','tolist':'flat: toDoubleArray / toLongArray / toBooleanArray, toDoubleArray2d',
 'item':'item() as double; itemLong(), itemBool()','__getitem__':"index(\":, 0\") or index(Slice..., Long, Tensor)",
 '__setitem__':'indexPut_(...)','max':'max(), max(dim[, keepdim]) (ValuesIndices), max(other)','min':'min(), min(dim[, keepdim]), min(other)',
 'norm':"norm(), norm(p), norm(p, dim[, keepdim]), norm(p, dims, keepdim), norm(\"fro\"); grad_fn NormBackward1 as 1.13",
 'var':'var(), var(unbiased), var(dim[, unbiased, keepdim]), var(dims, unbiased, keepdim), var(dims, correction, keepdim)',
 'std':'as var', 'sort':'sort(), sort(dim, descending), sortStable(dim, descending)','to':'to(dtype), to(device[, nonBlocking]), to(device, dtype)',
 'bernoulli':'bernoulli([generator])','bernoulli_':'bernoulli_(p[, generator]), bernoulli_(pTensor, generator)',
 'multinomial':'multinomial(n[, replacement[, generator]])','uniform_':'uniform_(), uniform_(from, to[, generator])',
 'normal_':'normal_(), normal_(mean, std[, generator])','random_':'random_([generator]), random_(to, g), random_(from, to, g)',
 'clamp':'clamp(min, max) with Number or Tensor bounds (null = None)','sum':'sum(), sum(dim[, keepdim]), sum(dims, keepdim)',
 'mean':'as sum','diag':'grad_fn DiagBackward0 as 1.13','quantile':'linear interpolation only',
 'where':'where(condition, other) (Tensor or number); Torch.where(c, x, y)','split':'split(size, dim), split(sizes, dim)',
 'roll':'roll(shift), roll(shift, dim), roll(shifts, dims)','T':'use t() (2-D) or permute','mT':'use transpose(-2, -1)',
 'numpy':'no NumPy in Java: toDoubleArray() etc.','clip_':'use clamp_','type':'use dtype() / to(dtype)','new_tensor':'use Torch.tensor(...).to(device)',
 'register_hook':'not bridged (a Java callback from the autograd engine)','apply_':'not bridged (a per-element Java callback)',
 'unique':'not in the presets\' Tensor API (torch.unique lives in _unique2)','data_ptr':'nativeTensor().data_ptr()',
 'storage':'nativeTensor()','lu':'not bridged','qr':'not bridged (returns a tuple; F/linalg)','svd':'not bridged (returns a tuple)',
 'nan_to_num':'nanToNum(), nanToNum(nan, posinf, neginf) (null = None)','dim':'dim()','size':'size(), size(dim)','stride':'stride(), stride(dim)',
 'repeat_interleave':'repeatInterleave(repeats[, dim]) (integer repeats)','diff':'diff(), diff(n, dim)',
 'share_memory_':'no multiprocessing tensors in Java','is_shared':'no multiprocessing tensors in Java','element_size':'elementSize()',
 'pin_memory':'needs CUDA','backward':'backward(), backward(gradient)','requires_grad_':'requiresGrad_([flag])',
 'index_put_':'indexPut_(indices, value)','masked_scatter':'not bridged','scatter_reduce':'not bridged','aminmax':'use amin / amax',
 'addbmm':'not bridged','baddbmm':'not bridged','addmv':'not bridged','addr':'not bridged','cross':'not bridged'}
ALIASES={'swapdims','moveaxis','divide','multiply','subtract','absolute','true_divide','fix','greater','less','not_equal','greater_equal','less_equal','arctan2','negative','ndimension','nelement'}
cats=[
('Attributes', 'shape dtype device grad requires_grad is_leaf grad_fn data ndim is_cuda T mT'),
('Creation and conversion', 'clone detach detach_ to cpu cuda float double long int bool half bfloat16 type type_as contiguous pin_memory is_pinned item tolist numpy new_zeros new_ones new_full new_empty new_tensor copy_ zero_ fill_ fill_diagonal_'),
('Information', 'dim ndimension size numel nelement stride element_size is_contiguous is_floating_point is_complex get_device data_ptr storage is_shared share_memory_'),
('Autograd', 'backward requires_grad_ retain_grad register_hook'),
('Arithmetic', 'add add_ sub sub_ subtract mul mul_ multiply div div_ divide true_divide floor_divide remainder fmod pow pow_ float_power neg neg_ negative abs abs_ absolute reciprocal sqrt sqrt_ rsqrt square exp exp_ expm1 log log_ log2 log10 log1p sign sgn lerp addcmul addcdiv clamp clamp_ clip clip_ clamp_min clamp_max maximum minimum round floor ceil trunc frac fix xlogy logaddexp'),
('Trigonometric and special functions', 'sin cos tan asin acos atan atan2 arctan2 sinh cosh tanh tanh_ sigmoid sigmoid_ relu relu_ erf erfinv lgamma digamma logit deg2rad softmax log_softmax'),
('Comparison and logic', 'eq ne gt ge lt le greater less greater_equal less_equal not_equal equal allclose isclose isnan isinf isposinf isneginf isfinite nan_to_num nan_to_num_ logical_and logical_or logical_not logical_xor bitwise_and bitwise_or bitwise_xor bitwise_not where masked_fill masked_fill_ masked_select masked_scatter'),
('Reductions and scans', 'sum mean std var prod max min amax amin aminmax argmax argmin median nanmedian mode kthvalue quantile nansum nanmean logsumexp norm dist all any count_nonzero cumsum cumprod cummax cummin logcumsumexp sort argsort topk unique'),
('Linear algebra', 'matmul mm bmm mv dot outer addmm addbmm baddbmm addmv addr t t_ trace diag diagonal tril triu inverse det cross lu qr svd'),
('Shape and views', 'view view_as reshape reshape_as flatten unflatten squeeze squeeze_ unsqueeze unsqueeze_ permute transpose transpose_ swapaxes swapdims movedim moveaxis expand expand_as broadcast_to repeat repeat_interleave tile flip fliplr flipud roll rot90 narrow chunk split tensor_split unbind unfold ravel diff'),
('Indexing, gathering and scattering', '__getitem__ __setitem__ index_put_ select index_select index_add index_add_ index_copy index_fill gather scatter scatter_ scatter_add scatter_add_ scatter_reduce take take_along_dim nonzero'),
('Random sampling (in place and from probabilities)', 'uniform_ normal_ random_ exponential_ bernoulli bernoulli_ multinomial'),
('Not bridged: Python-only mechanisms', 'apply_'),
]
out=[]; total=0; yes=0; aliased=0; seen=set()
for title, names in cats:
    out.append(f'\n## {title}\n\n| torch.Tensor | jtorch | implemented | notes |\n| --- | --- | --- | --- |')
    for n in names.split():
        if n in seen: continue
        seen.add(n)
        j=special.get(n, camel(n)) if n in special else camel(n)
        ok = j is not None and j in have
        total+=1; yes+=ok; aliased+=bool(ok and n in ALIASES)
        jn = f'`{j}`' if ok else ''
        pyname = n if n in ('T','mT') or n.startswith('__') or n in ('shape','dtype','device','grad','requires_grad','is_leaf','grad_fn','data','ndim','is_cuda') else n+'()'
        if n.startswith('__'): pyname = {'__getitem__':'t[...]','__setitem__':'t[...] = v'}[n]
        note = notes.get(n, '')
        if ok and n in ALIASES:
            note = f'Python alias: jtorch has only `{j}`'
        out.append(f'| `{pyname}` | {jn} | {"yes" if ok else "no"} | {note} |')
head=f'''# torch.Tensor methods in jtorch

The methods of [torch.Tensor](https://pytorch.org/docs/1.13/tensors.html) a PyTorch 1.13 user reaches for most
(the Tensor page's operations that tutorials and training code use), against `dev.jtorch.Tensor`. Names follow the
one rule of DESIGN.md: snake_case becomes camelCase, the trailing `_` of in-place methods stays, Python's aliases
(`multiply`, `swapdims`, `greater`, ...) point at the method they alias, and the few names that are Java keywords or
clash with Java take a `to` prefix (`float()` is `toFloat()`). Python attributes are methods (`t.shape()`).

{yes} of {total} are available, {aliased} of them under the name of the method a Python alias stands for. The methods
added for jtorch issue 18 are checked against Python 1.13 (values, dtypes, shapes and `str()` with its `grad_fn`) by
`dev.jtorch.TensorMoreGoldenTest` (`src/test/python/gen_tensor_more_golden.py`); those that existed before are
covered by the earlier tests (`TensorTest`, `TensorPrintTest`, the module tests) and were not re-checked here.
Functions of the `torch` namespace with the same meaning are in `dev.jtorch.Torch` (`Torch.where`, `Torch.cat`,
`Torch.multinomial`, ...). This table is generated from the sources by a script kept with the review
(`src/test/python/tensor_methods_table.py`), so "yes" means a public method of that name exists.
'''
open('docs/tensor-methods.md','w').write(head+'\n'.join(out)+'\n')
print(yes,total)
