using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

// The same token checks as the API (HS256 only, issuer, audience, lifetime, typ at+jwt, kid), the same
// Kestrel settings, and bodies recorded from the API (Bench:BodyDirectory) so both send the same bytes.
// With Bench:RedisConnectionString, also one Redis round trip per request (RedisRoundTrip).
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Logging.ClearProviders();

const string Issuer = "orchestrator";
const string Audience = "orchestrator-api";
const string KeyId = "bench";
var signingKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('k', 64))) { KeyId = KeyId };
var bodies = builder.Configuration["Bench:BodyDirectory"] ?? throw new InvalidOperationException("Bench:BodyDirectory is required.");
byte[] Body(string name) => File.ReadAllBytes(Path.Combine(bodies, name));
var resource = Body("resource.json");
var page = Body("page.json");
var created = Body("created.json");

builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
{
    options.MapInboundClaims = false;
    options.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKeyResolver = (_, _, keyId, _) => keyId == KeyId ? [signingKey] : [],
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidTypes = ["at+jwt"],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = "sub",
        RoleClaimType = "role",
    };
});
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

var app = builder.Build();

// Bench:RedisConnectionString set: the Redis floor, one awaited round trip per request before authentication.
if (builder.Configuration["Bench:RedisConnectionString"] is { Length: > 0 } redisConnectionString)
{
    var roundTrip = await RedisRoundTrip.ConnectAsync(redisConnectionString);
    app.Use(async (context, next) =>
    {
        await roundTrip.AskAsync(context.Connection.RemoteIpAddress);
        await next(context);
    });
}

app.UseAuthentication();
app.UseAuthorization();

var tokens = new JsonWebTokenHandler();

// Issues a token like the API's, without a password check: the difference to the API's /token is the hashing.
app.MapPost("/token", async (HttpContext context) =>
{
    var form = await context.Request.ReadFormAsync(context.RequestAborted);
    var now = DateTime.UtcNow;
    var token = tokens.CreateToken(new SecurityTokenDescriptor
    {
        TokenType = "at+jwt",
        Issuer = Issuer,
        Audience = Audience,
        IssuedAt = now,
        NotBefore = now,
        Expires = now.AddMinutes(15),
        Subject = new ClaimsIdentity(
        [
            new Claim("sub", Guid.NewGuid().ToString()),
            new Claim("jti", Guid.NewGuid().ToString("N")),
            new Claim("role", "admin"),
            new Claim("ver", "0", ClaimValueTypes.Integer32),
            new Claim("client_id", "orchestrator"),
            new Claim("username", form["username"].ToString()),
        ]),
        SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.HmacSha256),
    });
    context.Response.Headers.CacheControl = "no-store";
    await context.Response.WriteAsJsonAsync(new { access_token = token, token_type = "Bearer", expires_in = 900 });
}).AllowAnonymous();

app.MapGet("/api/v1/resources/{id:guid}", (Guid id) => Results.Bytes(resource, "application/json"));
app.MapGet("/api/v1/resources", () => Results.Bytes(page, "application/json"));
app.MapPost("/api/v1/resources", async Task (HttpContext context) =>
{
    // Reads the body as the API must, then answers the recorded creation.
    using var json = await System.Text.Json.JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
    context.Response.StatusCode = StatusCodes.Status202Accepted;
    context.Response.ContentType = "application/json";
    await context.Response.Body.WriteAsync(created, context.RequestAborted);
});
app.MapGet("/health/live", () => Results.Text("{\"status\":\"Healthy\"}", "application/json")).AllowAnonymous();

await app.RunAsync();
