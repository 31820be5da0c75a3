// The C++ libtorch contender of jtorch's benchmarks (src/bench/java/dev/jtorch/bench/Benchmarks.java): the same
// work as src/bench/python/bench_torch.py, spoken over the same line protocol.
//
// Started once per thread count as `bench_torch THREADS`; it prints `ready`, then answers each line
// `<bench> <count>` on standard input with one line on standard output:
//   mlp <steps>, cnn <steps>  -> the microseconds of each training step, space-separated
//   loader <batches>          -> samples per second over that many batches of a fresh shuffled epoch
//                                (randperm, then index_select of each batch of 64)
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// Seed 000's model.
struct SimpleClassifierImpl : torch::nn::Module {
    torch::nn::Linear fc1{10, 64};
    torch::nn::Dropout dropout{0.5};
    torch::nn::Linear fc2{64, 2};

    SimpleClassifierImpl() {
        register_module("fc1", fc1);
        register_module("dropout", dropout);
        register_module("fc2", fc2);
    }

    torch::Tensor forward(const torch::Tensor& x) {
        return fc2(dropout(torch::relu(fc1(x))));
    }
};

struct SmallCnnImpl : torch::nn::Module {
    torch::nn::Conv2d conv1{torch::nn::Conv2dOptions(1, 8, 3)};
    torch::nn::Conv2d conv2{torch::nn::Conv2dOptions(8, 16, 3)};
    torch::nn::MaxPool2d pool{torch::nn::MaxPool2dOptions(2)};
    torch::nn::Linear fc1{16 * 5 * 5, 64};
    torch::nn::Linear fc2{64, 10};

    SmallCnnImpl() {
        register_module("conv1", conv1);
        register_module("conv2", conv2);
        register_module("pool", pool);
        register_module("fc1", fc1);
        register_module("fc2", fc2);
    }

    torch::Tensor forward(torch::Tensor x) {
        x = pool(torch::relu(conv1(x)));
        x = pool(torch::relu(conv2(x)));
        x = torch::flatten(x, 1);
        return fc2(torch::relu(fc1(x)));
    }
};

// One model in train mode with its batch, loss and Adam (lr 1e-3, weight decay 1e-5).
class Trainer {
public:
    template <typename Model>
    Trainer(std::shared_ptr<Model> model, torch::Tensor x, torch::Tensor y)
        : forward_([model](const torch::Tensor& in) { return model->forward(in); }),
          x_(std::move(x)),
          y_(std::move(y)),
          optimizer_(model->parameters(), torch::optim::AdamOptions(1e-3).weight_decay(1e-5)) {
        model->train();
    }

    std::vector<double> steps(long n) {
        std::vector<double> times;
        times.reserve(n);
        for (long i = 0; i < n; i++) {
            auto t0 = Clock::now();
            optimizer_.zero_grad();
            torch::Tensor loss = criterion_(forward_(x_), y_);
            loss.backward();
            optimizer_.step();
            loss.item<float>();
            times.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
        }
        return times;
    }

private:
    std::function<torch::Tensor(const torch::Tensor&)> forward_;
    torch::Tensor x_;
    torch::Tensor y_;
    torch::nn::CrossEntropyLoss criterion_;
    torch::optim::Adam optimizer_;
};

// Samples per second over `batches` batches of 64 of a fresh shuffled epoch of `data`.
double loaderThroughput(const torch::Tensor& data, long batches) {
    auto t0 = Clock::now();
    int64_t n = data.size(0);
    int64_t seen = 0;
    torch::Tensor perm = torch::randperm(n);
    for (int64_t i = 0; i < batches && i * 64 < n; i++) {
        torch::Tensor idx = perm.slice(0, i * 64, std::min(n, i * 64 + 64));
        seen += data.index_select(0, idx).size(0);
    }
    return seen / std::chrono::duration<double>(Clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: bench_torch THREADS" << std::endl;
        return 2;
    }
    at::set_num_threads(std::atoi(argv[1]));
    torch::manual_seed(0);
    std::map<std::string, std::unique_ptr<Trainer>> trainers;
    torch::Tensor dataset;
    std::cout << "ready" << std::endl;
    std::string line;
    while (std::getline(std::cin, line)) {
        std::istringstream words(line);
        std::string name;
        long count = 0;
        if (!(words >> name >> count)) {
            std::cerr << "bad request: " << line << std::endl;
            return 2;
        }
        if (name == "loader") {
            if (!dataset.defined()) {
                dataset = torch::randn({1000000, 10});
            }
            std::printf("%.1f\n", loaderThroughput(dataset, count));
            std::fflush(stdout);
            continue;
        }
        auto found = trainers.find(name);
        if (found == trainers.end()) {
            std::unique_ptr<Trainer> trainer;
            if (name == "mlp") {
                auto model = std::make_shared<SimpleClassifierImpl>();
                trainer = std::make_unique<Trainer>(model, torch::randn({64, 10}), torch::randint(0, 2, {64}));
            } else if (name == "cnn") {
                auto model = std::make_shared<SmallCnnImpl>();
                trainer = std::make_unique<Trainer>(model, torch::randn({64, 1, 28, 28}), torch::randint(0, 10, {64}));
            } else {
                std::cerr << "unknown benchmark: " << name << std::endl;
                return 2;
            }
            found = trainers.emplace(name, std::move(trainer)).first;
        }
        std::vector<double> times = found->second->steps(count);
        for (size_t i = 0; i < times.size(); i++) {
            std::printf(i == 0 ? "%.2f" : " %.2f", times[i]);
        }
        std::printf("\n");
        std::fflush(stdout);
    }
    return 0;
}
