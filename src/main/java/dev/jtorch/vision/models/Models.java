package dev.jtorch.vision.models;

/**
 * torchvision's model builders ({@code torchvision.models.resnet18()} and friends), with torchvision's
 * architectures, names and default initialisation. There are no {@code weights=} downloads: load weights saved
 * from Python instead, as the transfer-learning tutorial does with a file:
 *
 * <pre>{@code
 * ResNet model = Models.resnet18();                                // torchvision.models.resnet18()
 * model.loadStateDict((Map<String, Tensor>) Torch.load(path));    // model.load_state_dict(torch.load(path))
 * model.requiresGrad_(false);                                      // for p in model.parameters(): p.requires_grad = False
 * model.fc = new Linear(model.fc.inFeatures(), 2);                 // model.fc = nn.Linear(model.fc.in_features, 2)
 * }</pre>
 *
 * See <a href="https://pytorch.org/vision/0.14/models.html">torchvision.models</a>.
 */
public final class Models {
    private Models() {}

    /** {@code torchvision.models.resnet18()}: BasicBlocks [2, 2, 2, 2], 1000 classes. */
    public static ResNet resnet18() {
        return resnet18(1000);
    }

    /** {@code torchvision.models.resnet18(num_classes=numClasses)}. */
    public static ResNet resnet18(long numClasses) {
        return new ResNet(BasicBlock.class, new int[] {2, 2, 2, 2}, new ResNet.Options().numClasses(numClasses));
    }

    /** {@code torchvision.models.resnet34()}: BasicBlocks [3, 4, 6, 3], 1000 classes. */
    public static ResNet resnet34() {
        return resnet34(1000);
    }

    /** {@code torchvision.models.resnet34(num_classes=numClasses)}. */
    public static ResNet resnet34(long numClasses) {
        return new ResNet(BasicBlock.class, new int[] {3, 4, 6, 3}, new ResNet.Options().numClasses(numClasses));
    }

    /** {@code torchvision.models.resnet50()}: Bottlenecks [3, 4, 6, 3], 1000 classes. */
    public static ResNet resnet50() {
        return resnet50(1000);
    }

    /** {@code torchvision.models.resnet50(num_classes=numClasses)}. */
    public static ResNet resnet50(long numClasses) {
        return new ResNet(Bottleneck.class, new int[] {3, 4, 6, 3}, new ResNet.Options().numClasses(numClasses));
    }

    /** {@code torchvision.models.resnet101()}: Bottlenecks [3, 4, 23, 3], 1000 classes. */
    public static ResNet resnet101() {
        return resnet101(1000);
    }

    /** {@code torchvision.models.resnet101(num_classes=numClasses)}. */
    public static ResNet resnet101(long numClasses) {
        return new ResNet(Bottleneck.class, new int[] {3, 4, 23, 3}, new ResNet.Options().numClasses(numClasses));
    }

    /** {@code torchvision.models.resnet152()}: Bottlenecks [3, 8, 36, 3], 1000 classes. */
    public static ResNet resnet152() {
        return resnet152(1000);
    }

    /** {@code torchvision.models.resnet152(num_classes=numClasses)}. */
    public static ResNet resnet152(long numClasses) {
        return new ResNet(Bottleneck.class, new int[] {3, 8, 36, 3}, new ResNet.Options().numClasses(numClasses));
    }

    /** {@code torchvision.models.mobilenet_v2()}: 1000 classes. */
    public static MobileNetV2 mobilenetV2() {
        return new MobileNetV2();
    }

    /** {@code torchvision.models.mobilenet_v2(num_classes=numClasses)}. */
    public static MobileNetV2 mobilenetV2(long numClasses) {
        return new MobileNetV2(new MobileNetV2.Options().numClasses(numClasses));
    }

    /** {@code torchvision.models.mobilenet_v2(**kwargs)}: e.g. {@code width_mult}, {@code dropout}. */
    public static MobileNetV2 mobilenetV2(MobileNetV2.Options options) {
        return new MobileNetV2(options);
    }

    /** {@code torchvision.models.vgg11()}: configuration "A" without batch norm, 1000 classes. */
    public static VGG vgg11() {
        return vgg11(1000);
    }

    /** {@code torchvision.models.vgg11(num_classes=numClasses)}. */
    public static VGG vgg11(long numClasses) {
        return new VGG(VGG.makeLayers("A", false), numClasses, true, 0.5);
    }

    /** {@code torchvision.models.vgg11_bn()}: configuration "A" with batch norm, 1000 classes. */
    public static VGG vgg11Bn() {
        return vgg11Bn(1000);
    }

    /** {@code torchvision.models.vgg11_bn(num_classes=numClasses)}. */
    public static VGG vgg11Bn(long numClasses) {
        return new VGG(VGG.makeLayers("A", true), numClasses, true, 0.5);
    }
}
