using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cni.Testing;

/// <summary>
/// A throwaway certificate authority with a server certificate for 127.0.0.1 and a client
/// certificate, written as PEM files into a directory, for TLS tests against real servers.
/// </summary>
public sealed class TestCertificates
{
    private TestCertificates(string directory) => Directory = directory;

    /// <summary>Where the files are.</summary>
    public string Directory { get; }

    /// <summary>The authority's certificate.</summary>
    public string CaFile => Path.Combine(Directory, "ca.pem");

    /// <summary>The server's certificate (subject alternative name IP 127.0.0.1).</summary>
    public string ServerCertFile => Path.Combine(Directory, "server.pem");

    /// <summary>The server's private key.</summary>
    public string ServerKeyFile => Path.Combine(Directory, "server-key.pem");

    /// <summary>The client's certificate.</summary>
    public string ClientCertFile => Path.Combine(Directory, "client.pem");

    /// <summary>The client's private key.</summary>
    public string ClientKeyFile => Path.Combine(Directory, "client-key.pem");

    /// <summary>Creates the authority and both certificates in <paramref name="directory"/>.</summary>
    /// <param name="directory">An existing directory.</param>
    /// <returns>The file names.</returns>
    public static TestCertificates Create(string directory)
    {
        var files = new TestCertificates(directory);
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        var notAfter = DateTimeOffset.UtcNow.AddDays(1);

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=cnit test authority", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter);
        File.WriteAllText(files.CaFile, ca.ExportCertificatePem());

        Issue(ca, "CN=127.0.0.1", serverAuth: true, notBefore, notAfter, files.ServerCertFile, files.ServerKeyFile, serial: 2);
        Issue(ca, "CN=root", serverAuth: false, notBefore, notAfter, files.ClientCertFile, files.ClientKeyFile, serial: 3);
        return files;
    }

    private static void Issue(X509Certificate2 ca, string subject, bool serverAuth, DateTimeOffset notBefore, DateTimeOffset notAfter, string certFile, string keyFile, byte serial)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        // etcd's built-in JSON gateway dials its own gRPC server with the server certificate, so that
        // one must be good for client authentication too.
        var clientAuth = new Oid("1.3.6.1.5.5.7.3.2");
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            serverAuth ? [new Oid("1.3.6.1.5.5.7.3.1"), clientAuth] : [clientAuth], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        using var certificate = request.Create(ca, notBefore, notAfter, [serial]);
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
    }
}
