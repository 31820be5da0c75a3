// The chosen platform's natives and nothing of the build machine's; the CUDA natives with -gpu.
def windows = new File(basedir, 'windows.txt').text
def gpu = new File(basedir, 'gpu.txt').text
def natives = { String tree -> (tree =~ /org\.bytedeco:([a-z-]+):jar:([a-z0-9_-]+):/).collect { it[1] + ':' + it[2] }.sort() }
assert natives(windows) == ['javacpp:windows-x86_64', 'openblas:windows-x86_64', 'pytorch:windows-x86_64'] : windows
assert natives(gpu) == ['cuda-redist:linux-x86_64', 'cuda:linux-x86_64', 'javacpp:linux-x86_64',
                        'openblas:linux-x86_64', 'pytorch:linux-x86_64-gpu'] : gpu
true
