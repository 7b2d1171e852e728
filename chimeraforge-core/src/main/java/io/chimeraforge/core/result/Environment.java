package io.chimeraforge.core.result;

import java.util.Optional;

/**
 * The {@code environment} object of the reference schema. {@code pythonVersion} holds the JVM
 * runtime version for files this SDK writes (the key is kept for compatibility); {@code runtime}
 * is an added key, {@code "java"} for our files and empty when read from a reference file.
 *
 * @param os                  OS family: {@code Linux}, {@code Darwin}, {@code Windows}
 * @param platform            detailed platform string
 * @param pythonVersion       Python version (reference files) or JVM version (ours)
 * @param chimeraforgeVersion version of the tool that wrote the file
 * @param gpuName             GPU 0 name, if known
 * @param gpuDriver           GPU driver version, if known
 * @param cudaVersion         CUDA driver version "major.minor", if known
 * @param backendName         backend name
 * @param backendVersion      backend server version, if known
 * @param runtime             added key: {@code "java"} for files written here
 */
public record Environment(String os, String platform, Optional<String> pythonVersion, String chimeraforgeVersion,
        Optional<String> gpuName, Optional<String> gpuDriver, Optional<String> cudaVersion, String backendName,
        Optional<String> backendVersion, Optional<String> runtime) {

    /** Rejects nulls. */
    public Environment {
        if (os == null || platform == null || pythonVersion == null || chimeraforgeVersion == null || gpuName == null
                || gpuDriver == null || cudaVersion == null || backendName == null || backendVersion == null
                || runtime == null) {
            throw new IllegalArgumentException("environment fields must not be null (use Optional.empty())");
        }
    }

    /**
     * Formats NVML's CUDA driver version integer as the reference does:
     * {@code 12040 → "12.4"}, {@code 11080 → "11.8"}.
     */
    public static String cudaVersionText(int driverVersion) {
        return (driverVersion / 1000) + "." + ((driverVersion % 1000) / 10);
    }
}
